/** Public surface of the getting-started checklist (the dashboard's onboarding). */
export { onboardingRoutes } from './onboarding.routes';
