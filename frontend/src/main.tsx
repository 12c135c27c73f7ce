import './index.css'
import { RouterProvider } from '@tanstack/react-router'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { configureApiClient } from '@/lib/api'
import { applyTheme, watchSystemTheme } from '@/lib/theme'
import { createAppRouter } from '@/router'

configureApiClient()
applyTheme()
watchSystemTheme()

const router = createAppRouter()

const container = document.getElementById('root')
if (!container) throw new Error('index.html must contain #root')

createRoot(container).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
)
