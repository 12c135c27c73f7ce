import { Menu } from 'lucide-react'
import { useState } from 'react'
// #region capability: organizations
import { OrganizationSwitcher } from '@/components/Organizations/OrganizationSwitcher'
// #endregion capability: organizations
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
      <DialogContent aria-describedby={undefined} placement="left">
        <DialogTitle>Menu</DialogTitle>
        {/* #region capability: organizations */}
        <OrganizationSwitcher />
        {/* #endregion capability: organizations */}
        <nav aria-label="Main">
          <NavLinks onNavigate={() => setOpen(false)} />
        </nav>
      </DialogContent>
    </Dialog>
  )
}
