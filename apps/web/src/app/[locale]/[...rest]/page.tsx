import { notFound } from 'next/navigation';

// Unknown paths under a locale render the localized not-found page with the site layout.
export default function CatchAll() {
  notFound();
}
