/** Runs once per server process before Next.js handles requests (Node.js runtime only). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installFrontDoor } = await import('./lib/client-address/front-door');
  installFrontDoor();
}
