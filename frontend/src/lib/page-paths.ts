import type { RegisteredRouter, RouteById, RouteIds } from '@tanstack/react-router'

// The dashboard's pages, read from the generated route tree: a page added to or
// removed from src/routes/ changes these types, and with them every list typed by them.

type RouteTree = RegisteredRouter['routeTree']
type RouteId = RouteIds<RouteTree>
type LinkTo<Id extends RouteId> = RouteById<RouteTree, Id>['to']

/** The layout route (routes/_layout.tsx) that asks for a login before its pages. */
type SignedInLayout = '/_layout'

/** Where a link to each page behind the login points: the routes under routes/_layout/. */
export type SignedInPath = {
  [Id in RouteId]: Id extends `${SignedInLayout}/${string}` ? LinkTo<Id> : never
}[RouteId]

/** Where a link to each page open to visitors points: every other route but the root. */
export type PublicPath = {
  [Id in RouteId]: Id extends '__root__' | SignedInLayout | `${SignedInLayout}/${string}`
    ? never
    : LinkTo<Id>
}[RouteId]
