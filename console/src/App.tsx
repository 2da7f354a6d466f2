import { lazy, Suspense } from 'react';
import { useRoute } from './router';
import { useSession } from './session';
import { SignIn } from './pages/SignIn';

// Each page's code is loaded when its route is first shown (its own chunk), so a first load ships
// the shell and the one page it opens, not every page (docs/performance.md, "Web console (step 9)").
// The sign-in page stays in the entry: it is what a first visit shows.
const ProjectsPage = lazy(() => import('./pages/ProjectsPage').then((m) => ({ default: m.ProjectsPage })));
const ProjectOverview = lazy(() => import('./pages/ProjectOverview').then((m) => ({ default: m.ProjectOverview })));
const DeploymentLogPage = lazy(() => import('./pages/DeploymentLogPage').then((m) => ({ default: m.DeploymentLogPage })));
const EnvironmentPage = lazy(() => import('./pages/EnvironmentPage').then((m) => ({ default: m.EnvironmentPage })));
const DeploymentsPage = lazy(() => import('./pages/DeploymentsPage').then((m) => ({ default: m.DeploymentsPage })));
const VariablesPage = lazy(() => import('./pages/VariablesPage').then((m) => ({ default: m.VariablesPage })));
const MembersPage = lazy(() => import('./pages/MembersPage').then((m) => ({ default: m.MembersPage })));
const ProjectAccessPage = lazy(() => import('./pages/ProjectAccessPage').then((m) => ({ default: m.ProjectAccessPage })));
const SshKeysPage = lazy(() => import('./pages/SshKeysPage').then((m) => ({ default: m.SshKeysPage })));
const TicketsPage = lazy(() => import('./pages/TicketsPage').then((m) => ({ default: m.TicketsPage })));
const NewTicketPage = lazy(() => import('./pages/TicketsPage').then((m) => ({ default: m.NewTicketPage })));
const TicketPage = lazy(() => import('./pages/TicketPage').then((m) => ({ default: m.TicketPage })));

/** Shown while a page's code loads: a status, so a screen reader says what the wait is. */
function PageLoading() {
  return <main><p role="status">Loading the page…</p></main>;
}

export function App() {
  const { token, claims, signOut } = useSession();
  const route = useRoute();
  if (!token) return <SignIn />;
  return (
    <>
      {/* The hash is the route, so the skip link moves the focus itself rather than following its href. */}
      <a className="skip-link" href="#content"
         onClick={(e) => { e.preventDefault(); document.getElementById('content')?.focus(); }}>Skip to content</a>
      <header className="top">
        <a href="#/projects" className="brand">Slipway</a>
        <nav aria-label="Main" className="main-nav">
          <a href="#/projects">Projects</a>
          <a href="#/tickets">Tickets</a>
          <a href="#/ssh-keys">SSH keys</a>
        </nav>
        <span className="who">
          {claims ? <>Signed in as <strong>{claims.user}</strong>{claims.groups.includes('support') && ' (support)'}</> : 'Signed in'}
        </span>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <div id="content" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>
          {route.page === 'projects' && <ProjectsPage />}
          {route.page === 'project' && <ProjectOverview key={route.projectId} projectId={route.projectId} />}
          {route.page === 'deployment' && <DeploymentLogPage key={`${route.projectId}/${route.deploymentId}`}
            projectId={route.projectId} deploymentId={route.deploymentId} line={route.line} />}
          {route.page === 'environment' && <EnvironmentPage key={`${route.projectId}/${route.environmentId}`}
            projectId={route.projectId} environmentId={route.environmentId} />}
          {route.page === 'deployments' && <DeploymentsPage key={`${route.projectId}/${route.environmentId ?? ''}`}
            projectId={route.projectId} environmentId={route.environmentId} />}
          {route.page === 'variables' && <VariablesPage key={`${route.projectId}/${route.environmentId ?? ''}`}
            projectId={route.projectId} environmentId={route.environmentId} />}
          {route.page === 'members' && <MembersPage key={route.projectId} projectId={route.projectId} />}
          {route.page === 'project-access' && <ProjectAccessPage key={route.projectId} projectId={route.projectId} />}
          {route.page === 'ssh-keys' && <SshKeysPage />}
          {route.page === 'tickets' && <TicketsPage filter={route.filter} />}
          {route.page === 'new-ticket' && <NewTicketPage key={JSON.stringify(route.draft)} draft={route.draft} />}
          {route.page === 'ticket' && <TicketPage key={route.ticketId} ticketId={route.ticketId} />}
          {route.page === 'not-found' && <main><h1>Not found</h1><p>No page at <code>{route.path}</code>. <a href="#/projects">Projects</a></p></main>}
        </Suspense>
      </div>
    </>
  );
}
