package dev.slipway.gateway.git;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ProjectRole;
import dev.slipway.gateway.domain.PushRules;
import dev.slipway.gateway.service.AccessReadModel;
import dev.slipway.gateway.service.SshAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.jboss.logging.Logger;

/**
 * The receiving side of git over SSH (SSH-4, SSH-5): a JGit {@link ReceivePack} per push whose
 * pre-receive hook decides each ref ({@link PushRules}) and says what Slipway does with it in
 * {@code remote:} lines.
 *
 * <p>On a project repository the hook also applies the accepted updates itself and announces them
 * ({@link PushAnnouncer}) before git's status report: the pusher sees the {@code remote:} lines, or
 * learns that the push is stored and will be announced later. On a tier remote it records
 * {@code tier-push.accepted} before JGit moves the branch.
 */
@ApplicationScoped
public class GitPushes {

    private static final Logger LOG = Logger.getLogger(GitPushes.class);

    private final AccessReadModel readModel;
    private final PushAnnouncer announcer;
    private final TierPushes tierPushes;

    public GitPushes(AccessReadModel readModel, PushAnnouncer announcer, TierPushes tierPushes) {
        this.readModel = readModel;
        this.announcer = announcer;
        this.tierPushes = tierPushes;
    }

    /** A push into the project's repository by {@code holder}, a member with {@code role}. */
    public ReceivePack intoProject(Repository git, GitRepository repository, SshAccess.KeyHolder holder, ProjectRole role) {
        ReceivePack pack = receivePack(git, holder);
        pack.setPreReceiveHook((receiving, commands) -> projectPush(receiving, commands, repository, holder, role));
        return pack;
    }

    /** A push into a tier remote by {@code holder}, whose key had a grant on it when the connection opened. */
    public ReceivePack intoTier(Repository git, GitRepository repository, EnvironmentType tier, SshAccess.KeyHolder holder) {
        ReceivePack pack = receivePack(git, holder);
        pack.setPreReceiveHook((receiving, commands) -> tierPush(receiving, commands, repository.projectId, tier, holder));
        return pack;
    }

    private static ReceivePack receivePack(Repository git, SshAccess.KeyHolder holder) {
        ReceivePack pack = new ReceivePack(git);
        // Slipway's rules decide instead of git's receive.* settings.
        pack.setAllowCreates(true);
        pack.setAllowDeletes(true);
        pack.setAllowNonFastForwards(true);
        pack.setRefLogIdent(new PersonIdent(holder.userId(), holder.userId() + "@slipway"));
        return pack;
    }

    private void projectPush(ReceivePack receiving, Collection<ReceiveCommand> commands, GitRepository repository, SshAccess.KeyHolder holder,
            ProjectRole role) {
        List<ReceiveCommand> accepted = new ArrayList<>();
        Map<ReceiveCommand, String> lines = new LinkedHashMap<>();
        for (ReceiveCommand command : commands) {
            PushRules.Change change = changeOf(command);
            Optional<String> refusal = PushRules.refusalOnProject(role, command.getRefName(), change, repository.defaultBranch);
            if (refusal.isPresent()) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal.get());
                continue;
            }
            accepted.add(command);
            if (command.getRefName().startsWith(Constants.R_HEADS)) {
                remoteLine(repository.projectId, command, change).ifPresent(line -> lines.put(command, line));
            }
        }
        if (accepted.isEmpty()) {
            return;
        }
        apply(receiving, accepted);
        Map<String, String> pushers = new HashMap<>();
        for (ReceiveCommand command : accepted) {
            if (command.getResult() == ReceiveCommand.Result.OK && command.getRefName().startsWith(Constants.R_HEADS)) {
                pushers.put(command.getRefName().substring(Constants.R_HEADS.length()), holder.userId());
            }
        }
        boolean announced = pushers.isEmpty() || announcer.afterPush(repository.projectId, pushers);
        lines.forEach((command, line) -> {
            if (command.getResult() == ReceiveCommand.Result.OK) {
                receiving.sendMessage(line);
            }
        });
        if (!announced) {
            receiving.sendMessage("Slipway: the push is stored, but Slipway cannot record it just now; it will be announced "
                    + "(and deployed) as soon as it can, with nothing more to do on your side.");
        }
    }

    /** What the pusher reads about a branch: asked before the refs move, so it describes the push, not its effects. */
    private Optional<String> remoteLine(String projectId, ReceiveCommand command, PushRules.Change change) {
        String branch = command.getRefName().substring(Constants.R_HEADS.length());
        try {
            AccessReadModel.BranchOutlook outlook = readModel.outlook(projectId, branch);
            return PushRules.remoteLine(branch, change, command.getNewId().name(), outlook.environmentId(), outlook.status(),
                    outlook.activeIntegration(), outlook.limit());
        } catch (RuntimeException e) {
            // The lines inform; a database that is away must not refuse the push for them.
            LOG.debugf("No remote: line for %s of %s: %s", branch, projectId, e.toString());
            return Optional.empty();
        }
    }

    /** Moves the accepted refs now, as JGit would after the hook, so the announcement can follow before the status report. */
    private static void apply(ReceivePack receiving, List<ReceiveCommand> accepted) {
        BatchRefUpdate batch = receiving.getRepository().getRefDatabase().newBatchUpdate();
        batch.setAllowNonFastForwards(true);
        batch.setRefLogIdent(receiving.getRefLogIdent());
        batch.setRefLogMessage("push", true);
        batch.addCommand(accepted);
        try {
            batch.execute(receiving.getRevWalk(), NullProgressMonitor.INSTANCE);
        } catch (IOException e) {
            for (ReceiveCommand command : accepted) {
                if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "could not update the ref; try again");
                }
            }
        }
    }

    private void tierPush(ReceivePack receiving, Collection<ReceiveCommand> commands, String projectId, EnvironmentType tier,
            SshAccess.KeyHolder holder) {
        for (ReceiveCommand command : commands) {
            PushRules.Change change = changeOf(command);
            String commit = command.getNewId().name();
            String previous = command.getOldId().equals(ObjectId.zeroId()) ? null : command.getOldId().name();
            Optional<String> refusal;
            try {
                refusal = tierPushes.accept(holder, projectId, tier, command.getRefName(), change, commit, previous);
            } catch (RuntimeException e) {
                LOG.warnf("Tier push to %s-%s not recorded: %s", projectId, tier.tierId(), e.toString());
                refusal = Optional.of("Slipway cannot record the push just now; nothing was deployed; try again");
            }
            if (refusal.isPresent()) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal.get());
            } else {
                receiving.sendMessage(PushRules.tierPushLine(tier, commit));
            }
        }
    }

    static PushRules.Change changeOf(ReceiveCommand command) {
        return switch (command.getType()) {
            case CREATE -> PushRules.Change.CREATE;
            case UPDATE -> PushRules.Change.UPDATE;
            case UPDATE_NONFASTFORWARD -> PushRules.Change.REWRITE;
            case DELETE -> PushRules.Change.DELETE;
        };
    }
}
