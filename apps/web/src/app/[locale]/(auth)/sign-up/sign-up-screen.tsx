'use client';

import { MailCheckIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader } from '@/components/ui/card';
import { AuthCard } from '../_components/auth-card';
import { ResendVerification } from '../_components/resend-verification';
import { SignUpForm } from '../_components/sign-up-form';

/**
 * Sign-up, then "check your inbox" as a screen of its own. The form stays mounted (hidden) while
 * the inbox screen shows, so "wrong address?" returns to it with what was typed, the address
 * field focused.
 */
export function SignUpScreen({ alternatives, footer }: { alternatives: ReactNode; footer: ReactNode }) {
  const t = useTranslations('Auth.signUp');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  // Keyboard and screen-reader users land on the new screen's title, and back on the field.
  useEffect(() => {
    if (sentTo) headingRef.current?.focus();
  }, [sentTo]);

  function wrongAddress() {
    setSentTo(null);
    requestAnimationFrame(() => {
      const email = formRef.current?.elements.namedItem('email');
      if (email instanceof HTMLInputElement) {
        email.focus();
        email.select();
      }
    });
  }

  return (
    <>
      <div hidden={sentTo !== null}>
        <AuthCard title={t('title')} description={t('lead')} footer={footer}>
          <div className="flex flex-col gap-6">
            <SignUpForm onSent={setSentTo} formRef={formRef} />
            {alternatives}
          </div>
        </AuthCard>
      </div>
      {sentTo ? (
        <Card data-testid="check-inbox">
          <CardHeader className="items-center text-center">
            <MailCheckIcon aria-hidden="true" className="mb-2 size-10 text-success" />
            <h1
              ref={headingRef}
              tabIndex={-1}
              className="font-semibold text-2xl tracking-tight focus:outline-none"
            >
              {t('checkInboxTitle')}
            </h1>
            <CardDescription data-testid="sign-up-done">
              {t.rich('checkInboxBody', {
                address: sentTo,
                email: (chunks) => (
                  <bdi dir="ltr" className="font-medium text-foreground">
                    {chunks}
                  </bdi>
                ),
              })}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-5">
            <p className="text-center text-muted-foreground text-sm">{t('checkInboxSameBrowser')}</p>
            <div className="flex flex-col items-center gap-2 border-t pt-5 text-center text-muted-foreground text-sm">
              <p>{t('checkInboxMissing')}</p>
              <ResendVerification email={sentTo} className="flex flex-col items-center gap-2" />
            </div>
            <div className="flex justify-center">
              <Button type="button" variant="link" onClick={wrongAddress} data-testid="wrong-address">
                {t('wrongAddress')}
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}
