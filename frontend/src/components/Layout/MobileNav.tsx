import { Menu } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from '@/components/ui/dialog'
import { NavLinks } from './NavLinks'

/** On narrow screens the sidebar becomes a menu that opens over the page. */
export function MobileNav() {
  const [open, setOpen] = useState(false)
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" className="md:hidden" aria-label="Open menu">
          <Menu aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent
        aria-describedby={undefined}
        className="top-0 left-0 h-full max-h-none w-72 max-w-[80vw] translate-x-0 translate-y-0 rounded-none"
      >
        <DialogTitle>Menu</DialogTitle>
        <nav aria-label="Main">
          <NavLinks onNavigate={() => setOpen(false)} />
        </nav>
      </DialogContent>
    </Dialog>
  )
}
