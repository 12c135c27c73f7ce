import { Button } from '@/components/ui/button'

/** Shown once, right after they are made: only their hashes are kept. */
export function RecoveryCodesList({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section aria-labelledby="recovery-codes-title" className="grid gap-4">
      <h3 id="recovery-codes-title" className="font-medium">
        Your recovery codes
      </h3>
      <p className="text-sm text-muted-foreground">
        Each code logs you in once if you lose your phone. Save them somewhere safe now: they will
        not be shown again.
      </p>
      <ul className="grid grid-cols-2 gap-2 rounded-md border bg-muted/40 p-4 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </section>
  )
}
