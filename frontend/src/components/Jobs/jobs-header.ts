// Outside the route file, whose own code stays in the entry bundle: only the
// lazily loaded parts of the page (its component, its loading state) read this.
export const jobsHeader = {
  title: 'Jobs',
  description: 'Background work (emails, housekeeping), newest first. Refreshes every 5 seconds.',
}
