// Runs before the app so the first paint already uses the remembered theme.
;(() => {
  const stored = localStorage.getItem('theme')
  const dark =
    stored === 'dark' ||
    (stored !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.classList.toggle('dark', dark)
})()
