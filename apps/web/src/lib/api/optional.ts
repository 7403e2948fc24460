import { unstable_rethrow } from 'next/navigation';

/** One failing panel (API error) should not take down the whole page. */
export async function optional<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    // Redirects (the 2FA policy's enrolment page) must still happen.
    unstable_rethrow(error);
    return null;
  }
}
