export { filesRoutes } from './files.routes';
export { imagesRoutes } from './images.routes';
