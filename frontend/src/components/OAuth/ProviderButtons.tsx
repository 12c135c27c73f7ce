import type { SignInProvider } from '@/client/types.gen'
import { buttonVariants } from '@/components/ui/button'
import { env } from '@/lib/env'

/** "Continue with …": a plain link, since the browser itself must go to the provider. */
export function ProviderButtons({ providers }: { providers: SignInProvider[] }) {
  return (
    <div className="mt-6 grid gap-2">
      <p className="text-center text-sm text-muted-foreground">or</p>
      {providers.map((provider) => (
        <a
          key={provider.name}
          href={`${env.apiUrl}/api/v1/login/oauth/${provider.name}/authorize`}
          className={buttonVariants({ variant: 'outline' })}
        >
          Continue with {provider.label}
        </a>
      ))}
    </div>
  )
}
