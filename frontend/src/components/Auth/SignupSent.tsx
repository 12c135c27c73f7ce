import { Link } from '@tanstack/react-router'
import { buttonVariants } from '@/components/ui/button'

/**
 * What every accepted sign-up shows. It says the same whether the address was
 * new or already had an account (that owner gets an email saying so), so the
 * page never tells anyone who has an account.
 */
export function SignupSent({ email, next }: { email: string; next?: string }) {
  return (
    <div className="grid gap-4 text-sm">
      <p role="status">
        We sent an email to <strong>{email}</strong>. Follow the link in it to confirm your address,
        then log in.
      </p>
      <p className="text-muted-foreground">
        Nothing after a few minutes? Check your spam folder, and that the address is spelt right.
      </p>
      <Link to="/login" search={{ redirect: next }} className={buttonVariants()}>
        Go to the login page
      </Link>
    </div>
  )
}
