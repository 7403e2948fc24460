export { contentDisposition } from './disposition';
export {
  createS3Client,
  createStorage,
  isNotFound,
  type ListedObject,
  type ObjectHead,
  type PresignedPost,
  type S3Config,
  type SignGetOptions,
  type Storage,
  type UploadedPart,
} from './storage';
