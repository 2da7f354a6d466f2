import { useRoute } from './router';
import { useSession } from './session';
import { SignIn } from './pages/SignIn';
import { ProjectsPage } from './pages/ProjectsPage';
import { ProjectOverview } from './pages/ProjectOverview';
import { DeploymentLogPage } from './pages/DeploymentLogPage';
import { EnvironmentPage } from './pages/EnvironmentPage';
import { DeploymentsPage } from './pages/DeploymentsPage';
import { VariablesPage } from './pages/VariablesPage';
import { MembersPage } from './pages/MembersPage';
import { ProjectAccessPage } from './pages/ProjectAccessPage';
import { SshKeysPage } from './pages/SshKeysPage';
import { NewTicketPage, TicketsPage } from './pages/TicketsPage';
import { TicketPage } from './pages/TicketPage';

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
      </div>
    </>
  );
}
