package dev.slipway.deployment.clients;

import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import dev.slipway.platform.client.SlipwayService;
import dev.slipway.platform.client.StreamedResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads commits from ssh-gateway's internal git interface (docs/git-internal-api.md, SSH-4): a
 * commit, its tree as a tar (BUILD, DEP-4, DEP-10), one file (e.g. {@code .slipway/app.yaml} at
 * VALIDATE). {@code commit} is a full id or an abbreviation of at least 7 hex digits.
 *
 * <p>Every method throws {@link ServiceUnavailableException} when the gateway stays unreachable
 * (the deployment waits, SEC-4) and {@link ServiceProblemException} for its other errors:
 * {@code not-found} (no repository, unknown commit), {@code ambiguous-commit} (409),
 * {@code invalid-value} (400).
 */
@ApplicationScoped
public class GitHostClient {

    static final String TREE_ID_HEADER = "X-Slipway-Tree-Id";
    private static final String TAR = "application/x-tar";

    private final ServiceClient client;

    public GitHostClient(ServiceClient client) {
        this.client = client;
    }

    public GitCommit commit(String project, String commit) {
        return client.getJson(SlipwayService.SSH_GATEWAY, commitPath(project, commit), GitCommit.class);
    }

    /** The commit's tree as a tar, streamed: close it when done. */
    public CommitTree tree(String project, String commit) {
        StreamedResponse response = client.getStream(SlipwayService.SSH_GATEWAY, commitPath(project, commit) + "/tree", TAR);
        Optional<String> treeId = response.header(TREE_ID_HEADER);
        if (treeId.isEmpty()) {
            response.close();
            throw new ServiceProblemException(SlipwayService.SSH_GATEWAY.id(), response.status(), null, "the tree came without " + TREE_ID_HEADER);
        }
        return CommitTree.streamed(SlipwayService.SSH_GATEWAY.id(), commit, treeId.get(), response.body());
    }

    /**
     * The file at {@code path} ({@code /}-separated, relative) in the commit's tree, or empty when the
     * gateway answers 404: the file is absent or not a regular file — and also when the commit or the
     * repository is unknown, so a caller that must tell these apart reads {@link #commit} first.
     *
     * @throws IllegalArgumentException for a path with a leading {@code /} or an empty, {@code .} or {@code ..} segment
     */
    public Optional<byte[]> file(String project, String commit, String path) {
        String[] segments = path.split("/", -1);
        // The gateway refuses these too; refusing here keeps an HTTP stack from resolving "a/../b" to "b" and reading another file.
        if (Arrays.stream(segments).anyMatch(segment -> segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
            throw new IllegalArgumentException("A file path in a tree is relative, without empty, '.' or '..' segments: " + path);
        }
        String encoded = Arrays.stream(segments).map(ServiceClient::segment).collect(Collectors.joining("/"));
        try {
            return Optional.of(client.getBytes(SlipwayService.SSH_GATEWAY, commitPath(project, commit) + "/files/" + encoded));
        } catch (ServiceProblemException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A branch's head commit, from the project's repository; empty when the branch has no commit yet. */
    public Optional<String> branchHead(String project, String branch) {
        Repository repository = client.getJson(SlipwayService.SSH_GATEWAY, "/api/v1/projects/" + ServiceClient.segment(project) + "/repository",
                Repository.class);
        return repository.branches().stream().filter(b -> b.name().equals(branch)).map(Branch::head).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The part of the gateway's repository view a deployment needs. */
    record Repository(java.util.List<Branch> branches) {
    }

    record Branch(String name, String head) {
    }

    private static String commitPath(String project, String commit) {
        return "/api/v1/internal/projects/" + ServiceClient.segment(project) + "/commits/" + ServiceClient.segment(commit);
    }
}
