package dev.slipway.deployment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.slipway.deployment.appconfig.BuildKey;
import dev.slipway.deployment.appconfig.CheckedOutFiles;
import dev.slipway.deployment.appconfig.CommitFiles;
import dev.slipway.deployment.appconfig.CommitConfig;
import dev.slipway.deployment.appconfig.ConfigOutcome;
import dev.slipway.deployment.appconfig.ConfigReader;
import dev.slipway.deployment.clients.CommitTree;
import dev.slipway.deployment.clients.EffectiveVariable;
import dev.slipway.deployment.clients.GitHostClient;
import dev.slipway.deployment.clients.VariablesClient;
import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentClaims;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.LogLine;
import dev.slipway.deployment.domain.Promotion;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.deployment.messaging.DeploymentEvents;
import dev.slipway.deployment.runner.BuildResult;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.deployment.runner.EnvironmentRef;
import dev.slipway.deployment.runner.Hook;
import dev.slipway.deployment.runner.HookContext;
import dev.slipway.deployment.runner.HookResult;
import dev.slipway.deployment.runner.NodeResult;
import dev.slipway.deployment.runner.Release;
import dev.slipway.deployment.runner.Runner;
import dev.slipway.events.ProjectRole;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentStatusChanged.NodeRelease;
import dev.slipway.events.deployment.NodeHealth;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.concurrent.Periodic;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs one claimed deployment through its phases (DEP-2) on the runner (DEP-10), outside any
 * event handler's transaction: VALIDATE (DEP-5; the tree checked out as the release, whose
 * configuration is read from disk: CFG-1/2 with file and line, CFG-3), DATA when asked (DEP-7),
 * BUILD (reused per DEP-4; none for a rollback, DEP-9), DEPLOY node by node (ENV-6: Production has three; a node
 * whose hook fails keeps its old release and the rollout stops), POST_DEPLOY. Each phase change is
 * an event through the outbox; each line of output goes to the deployment's log, masked. A called
 * service that is away puts the deployment back in the queue instead of failing it (SEC-4).
 */
@ApplicationScoped
public class DeploymentPipeline {

    private static final Logger LOG = Logger.getLogger(DeploymentPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.regex.Pattern FULL_SHA = java.util.regex.Pattern.compile("[0-9a-f]{40}");
    private static final Duration LOG_FLUSH = Duration.ofMillis(250);

    /** Thrown inside the pipeline when a step refuses: the deployment fails with this reason. */
    private static final class Failed extends Exception {
        private final Integer node;
        private final Integer exitCode;
        private final List<NodeRelease> nodes;

        Failed(String reason, Integer node, Integer exitCode, List<NodeRelease> nodes) {
            super(reason, null, false, false);
            this.node = node;
            this.exitCode = exitCode;
            this.nodes = nodes;
        }
    }

    /**
     * Thrown between phases when the deployment was cancelled meanwhile (DEP-3). Not an
     * InterruptedException: the thread was not interrupted, and must not be left so, or the
     * worker that runs it would stop claiming deployments.
     */
    private static final class Cancelled extends Exception {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final DeploymentRepository deployments;
    private final DeploymentClaims claims;
    private final DeploymentEvents events;
    private final DeploymentLogs logs;
    private final PromotionFacts facts;
    private final GitHostClient gitHost;
    private final VariablesClient variables;
    private final Runner runner;
    private final RunnerConfig config;
    /** The logs of the deployments running here, written every {@link #LOG_FLUSH} so that followers see lines as they come (DEP-8). */
    private final Set<LogWriter> openLogs = ConcurrentHashMap.newKeySet();
    private Periodic logFlusher;

    public DeploymentPipeline(DeploymentRepository deployments, DeploymentClaims claims, DeploymentEvents events, DeploymentLogs logs,
            PromotionFacts facts, GitHostClient gitHost, VariablesClient variables, Runner runner, RunnerConfig config) {
        this.deployments = deployments;
        this.claims = claims;
        this.events = events;
        this.logs = logs;
        this.facts = facts;
        this.gitHost = gitHost;
        this.variables = variables;
        this.runner = runner;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        logFlusher = Periodic.start("deployment-log-flusher", LOG_FLUSH, LOG_FLUSH, () -> openLogs.forEach(LogWriter::flushQuietly));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (logFlusher != null) {
            logFlusher.close();
        }
    }

    /** Runs the claimed deployment {@code id} to its end; {@code cancellation} is cancelled when someone cancels it meanwhile. */
    public void run(UUID id, Cancellation cancellation) {
        Deployment deployment = change(id, d -> {
            events.started(d);
            return true;
        });
        if (deployment == null) {
            return;
        }
        EnvironmentRef environment = environmentOf(deployment);
        LogWriter log = new LogWriter(id);
        openLogs.add(log);
        try {
            Validated validated = validate(deployment, log, cancellation);
            CommitConfig commitConfig = validated.config();
            if (deployment.dataFrom() != null) {
                enterPhase(id, DeploymentPhase.DATA);
                log.slipway(DeploymentPhase.DATA, "copying the data of " + deployment.dataFrom());
                runner.copyData(new EnvironmentRef(deployment.projectId(), deployment.dataFrom()), environment);
            }
            stopIfCancelled(cancellation);
            // DEP-9: a rollback's release was built when it first deployed.
            HookContext context = deployment.rollbackOf() == null ? build(deployment, validated, log, cancellation)
                    : context(deployment, validated, Map.of(), log, cancellation);
            Release release = validated.release();
            stopIfCancelled(cancellation);
            enterPhase(id, DeploymentPhase.DEPLOY);
            HookContext runtime = context.withVariables(hookVariables(validated.variables(), EffectiveVariable::visibleRuntime));
            List<NodeRelease> nodes = new ArrayList<>();
            for (int node = 1; node <= deployment.environmentType().nodes(); node++) {
                NodeResult result = runner.deployNode(release, node, hook(commitConfig.app().hooks().deploy()), runtime);
                log.flush();
                nodes.add(new NodeRelease(node, result.currentRelease().orElse(null), result.hook().succeeded() ? commitConfig.commit() : null,
                        result.hook().succeeded() ? NodeHealth.HEALTHY : NodeHealth.UNHEALTHY));
                requireSuccess(result.hook(), nodes);
            }
            enterPhase(id, DeploymentPhase.POST_DEPLOY);
            HookResult post = runner.postDeploy(environment, hook(commitConfig.app().hooks().postDeploy()), runtime);
            log.flush();
            requireSuccess(post, nodes);
            ProjectRole sshAccess = commitConfig.app().sshRole();
            change(id, d -> {
                d.succeed(Instant.now());
                claims.recordHook(id, null);
                events.succeeded(d, nodes, sshAccess);
                return true;
            });
            prune(environment);
        } catch (Failed failed) {
            log.flush();
            change(id, d -> {
                d.fail(failed.getMessage(), failed.node, failed.exitCode, Instant.now());
                claims.recordHook(id, null);
                events.failed(d, failed.nodes);
                return true;
            });
        } catch (ServiceUnavailableException away) {
            log.slipway(null, away.getMessage() + "; the deployment waits and is retried");
            log.flush();
            change(id, d -> {
                d.requeue();
                claims.recordHook(id, null);
                return true;
            });
        } catch (Cancelled cancelled) {
            // Already CANCELLED by whoever cancelled it; nothing more runs.
            log.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception unexpected) {
            LOG.errorf(unexpected, "Deployment %s failed unexpectedly", id);
            log.flush();
            change(id, d -> {
                d.fail("unexpected error: " + unexpected.getClass().getSimpleName(), null, null, Instant.now());
                claims.recordHook(id, null);
                events.failed(d, List.of());
                return true;
            });
        } finally {
            openLogs.remove(log);
            log.flushQuietly();
            forgetHook(id);
        }
    }

    /**
     * The run is over and its hooks with it, whatever state the deployment ended in (a cancelled one
     * included): nothing of it is left for a restart to kill (DEP-3), and its group id, which the
     * system may hand to another process, is no longer this deployment's.
     */
    private void forgetHook(UUID id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> claims.recordHook(id, null));
        } catch (RuntimeException e) {
            LOG.debugf("Could not forget the hook group of deployment %s: %s", id, e.toString());
        }
    }

    /** BUILD (DEP-4): the release is built with the build-visible variables, or takes the build of the same key; answers the hooks' context. */
    private HookContext build(Deployment deployment, Validated validated, LogWriter log, Cancellation cancellation)
            throws Failed, IOException, InterruptedException {
        enterPhase(deployment.id(), DeploymentPhase.BUILD);
        Map<String, String> buildVariables = hookVariables(validated.variables(), EffectiveVariable::visibleBuild);
        HookContext context = context(deployment, validated, buildVariables, log, cancellation);
        BuildResult build = runner.build(validated.release(), BuildKey.of(validated.treeId(), buildVariables).value(),
                hook(validated.config().app().hooks().build()), context);
        log.flush();
        requireSuccess(build.hook(), List.of());
        runner.linkMounts(validated.release(), validated.config().app().mounts().keySet());
        return context;
    }

    private HookContext context(Deployment deployment, Validated validated, Map<String, String> hookVariables, LogWriter log,
            Cancellation cancellation) {
        UUID id = deployment.id();
        return new HookContext(deployment.branch(), validated.treeId(), hookVariables, secretsOf(validated.variables()), log::hook,
                started -> QuarkusTransaction.requiringNew().run(() -> claims.recordHook(id, started.processGroupId())), cancellation);
    }

    private static EnvironmentRef environmentOf(Deployment deployment) {
        return new EnvironmentRef(deployment.projectId(), deployment.environmentId());
    }

    /**
     * What VALIDATE established: the commit's tree on disk as this deployment's release (a
     * rollback's is the earlier deployment's, as it was built), its valid configuration and the
     * environment's variables.
     */
    private record Validated(String treeId, Release release, CommitConfig config, List<EffectiveVariable> variables) {
    }

    /**
     * VALIDATE (DEP-2): the commit, DEP-5, then the tree checked out as the release and its
     * configuration read from there (CFG-1/2) and CFG-3. The variables are read before the release
     * exists, so that environment-service being away requeues the deployment with nothing on disk.
     */
    private Validated validate(Deployment deployment, LogWriter log, Cancellation cancellation) throws Failed, IOException, Cancelled {
        String project = deployment.projectId();
        String commit = resolveCommit(deployment);
        log.slipway(DeploymentPhase.VALIDATE, "deploying commit " + commit + " (" + deployment.trigger() + ")");
        change(deployment.id(), d -> {
            d.resolveCommit(commit);
            return true;
        });
        refuse(QuarkusTransaction.requiringNew().call(() -> facts.checkPromotion(project, deployment.environmentId(), commit)));
        List<EffectiveVariable> effective = variables.effective(project, deployment.environmentId());
        stopIfCancelled(cancellation);

        String treeId;
        Release release;
        CommitFiles files;
        if (deployment.rollbackOf() == null) {
            try (CommitTree tree = gitHost.tree(project, commit)) {
                treeId = tree.treeId();
                release = runner.prepareRelease(environmentOf(deployment), deployment.id().toString(), tree.tar());
            } catch (ServiceProblemException e) {
                throw notFoundAsFailure(e, commit);
            }
            files = new CheckedOutFiles(release.directory());
        } else {
            String earlier = deployment.rollbackOf().toString();
            release = runner.release(environmentOf(deployment), earlier).orElseThrow(() -> new Failed(
                    "DEP-9: the release of deployment " + earlier + " is no longer kept", null, null, List.of()));
            log.slipway(DeploymentPhase.VALIDATE, "rolling back to the release of deployment " + earlier + " without a build (DEP-9)");
            treeId = gitHost.commit(project, commit).treeId();
            // Its build may have written anywhere in the release: the configuration is the commit's own.
            files = path -> gitHost.file(project, commit, path);
        }

        ConfigOutcome outcome = ConfigReader.read(commit, files);
        if (outcome instanceof ConfigOutcome.Invalid invalid) {
            invalid.problems().forEach(problem -> log.slipway(DeploymentPhase.VALIDATE, problem.toString()));
            throw new Failed(invalid.message(), null, null, List.of());
        }
        CommitConfig config = ((ConfigOutcome.Valid) outcome).config();
        String digest = config.digest().value();
        refuse(QuarkusTransaction.requiringNew().call(() -> facts.checkConfiguration(project, deployment.environmentId(), digest)));
        change(deployment.id(), d -> {
            d.validatedConfiguration(digest);
            return true;
        });
        log.flush();
        return new Validated(treeId, release, config, effective);
    }

    /** The commit named by the trigger; else a DEPLOY ticket's source tier's last success (TKT-1); else the branch head. */
    private String resolveCommit(Deployment deployment) throws Failed {
        if (deployment.commit() != null) {
            if (FULL_SHA.matcher(deployment.commit()).matches()) {
                return deployment.commit(); // the tree's download finds out whether the repository has it
            }
            try {
                return gitHost.commit(deployment.projectId(), deployment.commit()).commit();
            } catch (ServiceProblemException e) {
                throw notFoundAsFailure(e, deployment.commit());
            }
        }
        if (!deployment.environmentType().isSelfService()) {
            String source = Promotion.sourceOf(deployment.environmentType()).orElseThrow();
            return QuarkusTransaction.requiringNew().call(() -> facts.lastSucceededCommit(deployment.projectId(), source))
                    .orElseThrow(() -> new Failed("no commit named and none ever deployed on " + source, null, null, List.of()));
        }
        return gitHost.branchHead(deployment.projectId(), deployment.branch())
                .orElseThrow(() -> new Failed("branch " + deployment.branch() + " has no commit yet", null, null, List.of()));
    }

    /** The gateway does not know the commit: the deployment fails saying so; any other problem is not the commit's. */
    private static Failed notFoundAsFailure(ServiceProblemException problem, String commit) {
        if (!problem.isNotFound()) {
            throw problem;
        }
        return new Failed("commit " + commit + " is not in the project's repository", null, null, List.of());
    }

    private static void refuse(Optional<Refusal> refusal) throws Failed {
        if (refusal.isPresent()) {
            throw new Failed(refusal.get().detail(), null, null, List.of());
        }
    }

    /** DEP-2: a failed hook fails the deployment naming the phase, the node and the exit code (or the timeout). */
    private static void requireSuccess(HookResult result, List<NodeRelease> nodes) throws Failed {
        if (result.succeeded()) {
            return;
        }
        Integer node = result.phase() == dev.slipway.deployment.runner.Phase.DEPLOY ? result.node() : null;
        if (result.timedOut()) {
            throw new Failed(result.phase().hookName() + " timed out after " + result.timeout(), node, null, List.copyOf(nodes));
        }
        if (result.cancelled()) {
            throw new Failed(result.phase().hookName() + " was cancelled", node, null, List.copyOf(nodes));
        }
        throw new Failed(result.phase().hookName(), node, result.exitCode() >= 0 ? result.exitCode() : null, List.copyOf(nodes));
    }

    private static void stopIfCancelled(Cancellation cancellation) throws Cancelled {
        if (cancellation.isCancelled()) {
            throw new Cancelled();
        }
    }

    private Hook hook(Optional<String> script) {
        return new Hook(script.orElse(""), config.hookTimeout());
    }

    /** VAR-1: {@code env:} names become OS variables without the prefix; all visible ones also travel as base64 JSON in {@code SLIPWAY_VARIABLES}. */
    public static Map<String, String> hookVariables(List<EffectiveVariable> effective, Predicate<EffectiveVariable> visible) {
        Map<String, String> result = new LinkedHashMap<>();
        ObjectNode all = JSON.createObjectNode();
        for (EffectiveVariable variable : effective) {
            if (!visible.test(variable)) {
                continue;
            }
            if (variable.isEnvironmentVariable()) {
                result.put(variable.name().substring("env:".length()), variable.value());
            }
            // VAR-1: a JSON variable's value parsed when it was written, so it travels as JSON here.
            all.set(variable.name(), variable.json() ? parsed(variable.value()) : TextNode.valueOf(variable.value()));
        }
        result.put("SLIPWAY_VARIABLES", Base64.getEncoder().encodeToString(all.toString().getBytes(StandardCharsets.UTF_8)));
        return result;
    }

    private static JsonNode parsed(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(json);
        }
    }

    /** DEP-8, VAR-2: sensitive values are masked in every captured line. */
    private static Set<String> secretsOf(List<EffectiveVariable> effective) {
        Set<String> secrets = new HashSet<>();
        effective.stream().filter(EffectiveVariable::sensitive).map(EffectiveVariable::value).filter(v -> v != null && !v.isEmpty()).forEach(secrets::add);
        return secrets;
    }

    private void enterPhase(UUID id, DeploymentPhase phase) {
        change(id, d -> {
            d.enterPhase(phase);
            events.phaseChanged(d);
            return true;
        });
    }

    private void prune(EnvironmentRef environment) {
        try {
            runner.pruneReleases(environment, config.keepReleases());
        } catch (Exception e) {
            LOG.debugf("Pruning %s failed: %s", environment, e.toString());
        }
    }

    /** Applies a change to a still RUNNING deployment in its own transaction; null when it has finished meanwhile (cancelled). */
    private Deployment change(UUID id, java.util.function.Function<Deployment, Boolean> change) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Deployment d = deployments.findById(id);
            if (d == null || d.state() != dev.slipway.events.deployment.DeploymentState.RUNNING) {
                return null;
            }
            change.apply(d);
            return d;
        });
    }

    /**
     * Buffers the deployment's log lines and writes them in batches (DEP-8): at 200 lines, at the end
     * of each step, and every {@link #LOG_FLUSH} while the deployment runs. A batch leaves the buffer
     * only once written, so a database that is away delays lines and loses none.
     */
    private final class LogWriter {
        private final UUID id;
        private final List<LogLine> buffer = new ArrayList<>();

        LogWriter(UUID id) {
            this.id = id;
        }

        synchronized void hook(dev.slipway.deployment.runner.LogLine line) {
            DeploymentPhase phase = DeploymentPhase.valueOf(line.phase().name());
            Integer node = line.node() == dev.slipway.deployment.runner.LogLine.NO_NODE ? null : line.node();
            String stream = switch (line.stream()) {
                case STDOUT -> "out";
                case STDERR -> "err";
                case RUNNER -> "slipway";
            };
            buffer.add(new LogLine(0, line.time(), phase, node, stream, line.text()));
            if (buffer.size() >= 200) {
                flush();
            }
        }

        synchronized void slipway(DeploymentPhase phase, String text) {
            buffer.add(new LogLine(0, Instant.now(), phase, null, "slipway", text));
        }

        synchronized void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            List<LogLine> lines = List.copyOf(buffer);
            logs.append(id, lines);
            buffer.subList(0, lines.size()).clear();
        }

        /** A flush between steps: a failure leaves the lines for the next one. */
        void flushQuietly() {
            try {
                flush();
            } catch (RuntimeException e) {
                LOG.debugf("Log lines of deployment %s wait: %s", id, e.toString());
            }
        }
    }
}
