package dev.slipway.gateway.git;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.git.GitOperationCompleted;
import dev.slipway.events.git.GitOperationFailed;
import dev.slipway.events.git.GitOperationRequested;
import dev.slipway.events.git.GitOperationRequested.Kind;
import dev.slipway.platform.events.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The git side of environment operations (SSH-4, ENV-4), performed on the hosted bare repository
 * and answered with {@code git-operation.completed} or {@code .failed} through the outbox.
 *
 * <p>A branch with no commits yet (a new project's {@code master}) has nothing to copy or merge:
 * branching from it creates an environment whose branch is born by its first push, and merging or
 * syncing it changes nothing. Merges are done in memory, never in a work tree: fast-forward when
 * possible, else a merge commit; a conflict fails the operation with the conflicting paths.
 *
 * <p>An operation holds the repository row's lock (as push announcements do): pushes not announced
 * yet are announced first, and the head the operation sets is recorded as announced in the same
 * transaction, so {@code ref.updated} never reports what {@code git-operation.completed} does (SSH-4).
 * That holds for a repeated request too: every ref an operation moves gets a ref-log entry naming the
 * operation, so a move whose transaction rolled back is taken up by the repeat, not reported as a push.
 */
@ApplicationScoped
public class GitOperations {

    private static final PersonIdent SLIPWAY = new PersonIdent("Slipway", "slipway@localhost");

    private final RepositoryService repositories;
    private final RefAnnouncements announcements;
    private final EventPublisher events;

    public GitOperations(RepositoryService repositories, RefAnnouncements announcements, EventPublisher events) {
        this.repositories = repositories;
        this.announcements = announcements;
        this.events = events;
    }

    /** Outcome of one operation: on success the head its target branch has now (null: none), else why it failed. */
    private record Outcome(String head, String failure, List<String> conflicts) {
        static Outcome done(ObjectId head) {
            return new Outcome(head == null ? null : head.name(), null, List.of());
        }

        static Outcome failed(String reason, List<String> conflicts) {
            return new Outcome(null, reason, conflicts);
        }
    }

    /**
     * Performs {@code request} once, even when it comes again after an attempt whose transaction
     * rolled back (the database went away) once the ref had moved: the ref's log names the operation
     * that moved it (SSH-4), so that move is recognised as this operation's work, not announced as a
     * push (which would deploy the environment a second time), and its head is recorded with the answer.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void perform(GitOperationRequested request) {
        String target = targetOf(request);
        Outcome outcome;
        Optional<GitRepository> repository = announcements.lock(request.projectId());
        if (repository.isEmpty()) {
            outcome = Outcome.failed("project " + request.projectId() + " has no repository", List.of());
        } else {
            try (Repository git = repositories.open(repository.get())) {
                Set<String> ownMoves = movedByEarlierAttempt(git, request, target) ? Set.of(target) : Set.of();
                announcements.announceLocked(repository.get(), Map.of(), ownMoves);
                String mark = refLogMessage(request.operationId(), request.kind().name().toLowerCase(Locale.ROOT));
                outcome = switch (request.kind()) {
                    case CREATE_BRANCH -> createBranch(git, request.branch(), request.baseBranch(), mark);
                    case DELETE_BRANCH -> deleteBranch(git, request.branch(), mark);
                    case MERGE -> merge(git, request.branch(), request.baseBranch(), request.requestedBy(), mark);
                    case SYNC -> merge(git, request.baseBranch(), request.branch(), request.requestedBy(), mark);
                };
            } catch (IOException | RuntimeException e) {
                outcome = Outcome.failed("git error: " + e.getMessage(), List.of());
            }
        }
        String subject = "repositories/" + request.projectId() + ".git/branches/" + request.branch();
        if (outcome.failure() == null) {
            // The target's head is the operation's, announced by this answer (a no-op records what is there).
            announcements.recordHead(request.projectId(), target, outcome.head());
            events.publish(EventCatalog.GIT_OPERATION_COMPLETED, request.projectId(), subject, new GitOperationCompleted(
                    request.operationId(), request.projectId(), request.environmentId(), request.kind(), request.branch(),
                    request.kind() == Kind.DELETE_BRANCH ? null : outcome.head()));
        } else {
            events.publish(EventCatalog.GIT_OPERATION_FAILED, request.projectId(), subject, new GitOperationFailed(
                    request.operationId(), request.projectId(), request.environmentId(), request.kind(), request.branch(),
                    outcome.failure(), outcome.conflicts()));
        }
    }

    /** The branch whose head the operation sets: a merge moves the base (the parent), the others the environment's branch. */
    private static String targetOf(GitOperationRequested request) {
        return request.kind() == Kind.MERGE ? request.baseBranch() : request.branch();
    }

    /** The message of the ref-log entries operation {@code operationId} writes; it names the operation (SSH-4). */
    public static String refLogMessage(String operationId, String what) {
        return "slipway operation " + operationId + ": " + what;
    }

    /**
     * Whether {@code target}'s head is where an earlier attempt of this operation put it: its last
     * ref-log entry names the operation and the head it set. A deleted branch has no log: its absence is
     * the delete's own outcome, whoever removed it.
     */
    private static boolean movedByEarlierAttempt(Repository git, GitOperationRequested request, String target) throws IOException {
        if (target == null) {
            return false;
        }
        Ref ref = git.exactRef(Constants.R_HEADS + target);
        if (ref == null || ref.getObjectId() == null) {
            return request.kind() == Kind.DELETE_BRANCH;
        }
        ReflogReader log = git.getRefDatabase().getReflogReader(ref);
        ReflogEntry last = log == null ? null : log.getLastEntry();
        return last != null && last.getNewId().equals(ref.getObjectId())
                && last.getComment().startsWith(refLogMessage(request.operationId(), ""));
    }

    private static Outcome createBranch(Repository git, String branch, String base, String mark) throws IOException {
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            return Outcome.failed("'" + branch + "' is not a valid branch name", List.of());
        }
        ObjectId start = head(git, base);
        ObjectId existing = head(git, branch);
        if (existing != null) {
            // A repeated request finds its own work done; anything else is a real clash.
            return existing.equals(start) ? Outcome.done(existing) : Outcome.failed("branch " + branch + " already exists", List.of());
        }
        if (start == null) {
            return Outcome.done(null);
        }
        RefUpdate update = update(git, branch, mark + ": created from " + base);
        update.setNewObjectId(start);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        RefUpdate.Result result = update.update();
        return result == RefUpdate.Result.NEW ? Outcome.done(start) : Outcome.failed("could not create " + branch + ": " + result, List.of());
    }

    /** An update of {@code branch} whose ref-log entry (kept even in a bare repository) says {@code message}. */
    private static RefUpdate update(Repository git, String branch, String message) throws IOException {
        RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
        update.setRefLogMessage(message, false);
        update.setForceRefLog(true);
        return update;
    }

    private static Outcome deleteBranch(Repository git, String branch, String mark) throws IOException {
        if (head(git, branch) == null) {
            return Outcome.done(null);
        }
        RefUpdate update = update(git, branch, mark);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.delete();
        return result == RefUpdate.Result.FORCED || result == RefUpdate.Result.NO_CHANGE
                ? Outcome.done(null) : Outcome.failed("could not delete " + branch + ": " + result, List.of());
    }

    /** Merges {@code source} into {@code target}; the head of {@code target} moves. */
    private static Outcome merge(Repository git, String source, String target, String by, String mark) throws IOException {
        ObjectId sourceHead = head(git, source);
        ObjectId targetHead = head(git, target);
        if (sourceHead == null) {
            return Outcome.done(targetHead);
        }
        try (RevWalk walk = new RevWalk(git)) {
            RevCommit sourceCommit = walk.parseCommit(sourceHead);
            if (targetHead == null) {
                return move(git, target, null, sourceCommit, mark + ": merge " + source + ", branch born");
            }
            RevCommit targetCommit = walk.parseCommit(targetHead);
            if (walk.isMergedInto(sourceCommit, targetCommit)) {
                return Outcome.done(targetCommit);
            }
            if (walk.isMergedInto(targetCommit, sourceCommit)) {
                return move(git, target, targetCommit, sourceCommit, mark + ": merge " + source + ", fast-forward");
            }
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(git, true);
            if (!merger.merge(targetCommit, sourceCommit)) {
                List<String> conflicts = new ArrayList<>(merger.getUnmergedPaths());
                if (merger.getFailingPaths() != null) {
                    conflicts.addAll(merger.getFailingPaths().keySet());
                }
                return Outcome.failed("merge conflict between " + source + " and " + target, conflicts);
            }
            ObjectId mergeCommit;
            try (ObjectInserter inserter = git.newObjectInserter()) {
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(merger.getResultTreeId());
                commit.setParentIds(targetCommit, sourceCommit);
                PersonIdent author = by == null ? SLIPWAY : new PersonIdent(by, by + "@slipway");
                commit.setAuthor(author);
                commit.setCommitter(SLIPWAY);
                commit.setMessage("Merge branch '" + source + "' into " + target + "\n");
                mergeCommit = inserter.insert(commit);
                inserter.flush();
            }
            return move(git, target, targetCommit, walk.parseCommit(mergeCommit), mark + ": merge " + source + ", merge made by recursive");
        }
    }

    private static Outcome move(Repository git, String branch, ObjectId expected, ObjectId next, String reason) throws IOException {
        RefUpdate update = update(git, branch, reason);
        update.setNewObjectId(next);
        update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
        RefUpdate.Result result = update.update();
        return switch (result) {
            case NEW, FAST_FORWARD, FORCED -> Outcome.done(next);
            default -> Outcome.failed(branch + " moved while merging (" + result + "); try again", List.of());
        };
    }

    private static ObjectId head(Repository git, String branch) throws IOException {
        if (branch == null) {
            return null;
        }
        Ref ref = git.exactRef(Constants.R_HEADS + branch);
        return ref == null ? null : ref.getObjectId();
    }
}
