/** Public surface of the admin jobs console (D5). */
export { adminJobsRoutes } from './admin-jobs.routes';
