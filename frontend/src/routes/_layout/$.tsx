import { createFileRoute } from '@tanstack/react-router'
import { NotFoundMessage } from '@/components/Common/NotFound'

/** An address that matches no page: a signed-in user keeps the sidebar and header around the 404. */
export const Route = createFileRoute('/_layout/$')({
  staticData: { title: 'Page not found' },
  component: NotFoundMessage,
})
