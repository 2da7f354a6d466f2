import type { Environment } from '../api/client';
import { deploymentHref, environmentHref } from '../router';
import { buildEnvironmentTree, type TreeNode } from './environmentTree';

const shortCommit = (commit?: string | null) => (commit ? commit.slice(0, 7) : '—');

function EnvironmentCard({ environment }: { environment: Environment }) {
  const inactive = environment.status === 'INACTIVE' || environment.status === 'DELETING';
  const deployment = environment.latestDeployment;
  return (
    <article className={`environment${inactive ? ' inactive' : ''}`} data-status={environment.status}
         aria-label={`${environment.title || environment.id}, ${environment.status?.toLowerCase()}`}>
      <div className="environment-head">
        <strong><a href={environmentHref(environment.projectId ?? '', environment.id ?? '')}>{environment.title || environment.id}</a></strong>
        {' '}<code>{environment.id}</code>
        <span className={`badge status-${environment.status?.toLowerCase()}`}>{environment.status}</span>
      </div>
      <dl>
        <dt>Branch</dt><dd><code>{environment.branch}</code></dd>
        <dt>Deployed commit</dt><dd><code>{shortCommit(environment.deployedCommit)}</code></dd>
        <dt>Latest deployment</dt>
        <dd>{deployment
          ? <a href={deploymentHref(environment.projectId ?? '', deployment.id ?? '')}
               className={`badge deployment-${deployment.state?.toLowerCase()}`}>{deployment.state}</a>
          : 'none yet'}</dd>
        {environment.urls?.store && (
          <><dt>Store</dt><dd><a href={environment.urls.store} target="_blank" rel="noreferrer">{environment.urls.store}</a></dd></>
        )}
        {environment.urls?.ssh && <><dt>SSH</dt><dd><code>{environment.urls.ssh}</code></dd></>}
      </dl>
    </article>
  );
}

function Branch({ node }: { node: TreeNode }) {
  return (
    <li>
      <EnvironmentCard environment={node.environment} />
      {node.children.length > 0 && (
        <ul aria-label={`Children of ${node.environment.id}`}>
          {node.children.map((child) => <Branch key={child.environment.id} node={child} />)}
        </ul>
      )}
    </li>
  );
}

/** Staging and Production as their own tier, above the Integration tree (parent → children). */
export function EnvironmentTree({ environments }: { environments: Environment[] }) {
  const tree = buildEnvironmentTree(environments);
  return (
    <div className="environment-tree">
      <section aria-labelledby="tier-heading">
        <h3 id="tier-heading">Staging and Production</h3>
        <ul className="tier">
          {tree.tier.map((e) => <li key={e.id}><EnvironmentCard environment={e} /></li>)}
        </ul>
      </section>
      <section aria-labelledby="integration-heading">
        <h3 id="integration-heading">Integration</h3>
        <ul className="tree" aria-label="Integration environments">
          {tree.integration.map((node) => <Branch key={node.environment.id} node={node} />)}
        </ul>
      </section>
    </div>
  );
}
