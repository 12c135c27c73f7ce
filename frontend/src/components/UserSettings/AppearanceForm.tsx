import { Card, CardDescription, CardTitle } from '@/components/ui/card'
import { useTheme } from '@/hooks/useTheme'
import { THEMES, type Theme } from '@/lib/theme'

const LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'System' }

export function AppearanceForm() {
  const { theme, setTheme } = useTheme()
  return (
    <Card>
      <fieldset>
        <legend>
          <CardTitle>Appearance</CardTitle>
        </legend>
        <CardDescription>Remembered on this device.</CardDescription>
        <div className="mt-4 grid gap-2">
          {THEMES.map((option) => (
            <label
              key={option}
              className="flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 has-[:checked]:border-primary"
            >
              <input
                type="radio"
                name="theme"
                value={option}
                checked={theme === option}
                onChange={() => setTheme(option)}
                className="size-4 accent-primary"
              />
              {LABELS[option]}
            </label>
          ))}
        </div>
      </fieldset>
    </Card>
  )
}
