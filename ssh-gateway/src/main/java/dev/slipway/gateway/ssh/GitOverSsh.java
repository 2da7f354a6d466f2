package dev.slipway.gateway.ssh;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ProjectRole;
import dev.slipway.gateway.domain.GitRequest;
import dev.slipway.gateway.domain.SshAccessPolicy;
import dev.slipway.gateway.git.GitPushes;
import dev.slipway.gateway.git.GitRepository;
import dev.slipway.gateway.git.RepositoryService;
import dev.slipway.gateway.git.TierPushes;
import dev.slipway.gateway.git.TierRepositories;
import dev.slipway.gateway.service.SshAccess;
import dev.slipway.platform.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;
import org.jboss.logging.Logger;

/**
 * Git over SSH for user {@code git} (SSH-4, SSH-5), with JGit's pack services on MINA's channels.
 *
 * <p>Who reads what: members (viewer and up, SEC-2) clone and fetch {@code <project>.git}; a tier
 * remote is read, like it is pushed, only with a grant in force on that tier for the connecting key
 * (SSH-2 reaches Staging and Production only through grants, whatever the role). A project that does
 * not exist and one the caller is not a member of get the same answer, so existence does not leak.
 */
@ApplicationScoped
public class GitOverSsh implements GitCommands {

    private static final Logger LOG = Logger.getLogger(GitOverSsh.class);
    static final String NOT_FOUND = "ERROR: Repository not found.";

    private final SshAccess access;
    private final RepositoryService repositories;
    private final TierRepositories tiers;
    private final GitPushes pushes;

    public GitOverSsh(SshAccess access, RepositoryService repositories, TierRepositories tiers, GitPushes pushes) {
        this.access = access;
        this.repositories = repositories;
        this.tiers = tiers;
        this.pushes = pushes;
    }

    @Override
    public Command command(ChannelSession channel, String commandLine) {
        SshAccess.KeyHolder holder = SshSessions.holder(channel.getServerSession());
        if (commandLine == null) {
            return new MessageCommand("Hi " + holder.userId() + "! You've authenticated with Slipway, but git@ has no shell; "
                    + "use ssh <project>-<env>@host for an environment.", 1);
        }
        Optional<GitRequest> request = GitRequest.parse(commandLine);
        if (request.isEmpty()) {
            return new MessageCommand("ERROR: git@ runs git-upload-pack and git-receive-pack on '<project>.git' only; "
                    + "use ssh <project>-<env>@host for commands in an environment.", 1);
        }
        Optional<GitRequest.RepositoryName> name = request.get().repository();
        if (name.isEmpty()) {
            return new MessageCommand(NOT_FOUND, 1);
        }
        String projectId = name.get().projectId();
        Optional<ProjectRole> role;
        Optional<GitRepository> repository;
        try {
            role = access.roleOn(projectId, holder.userId());
            repository = role.isEmpty() ? Optional.empty() : repositories.find(projectId);
        } catch (RuntimeException e) {
            LOG.warnf("Cannot authorize %s for %s: %s", commandLine, holder.userId(), e.toString());
            return new MessageCommand("ERROR: Slipway cannot check your access just now; try again shortly.", 1);
        }
        if (role.isEmpty() || repository.isEmpty()) {
            return new MessageCommand(NOT_FOUND, 1);
        }
        GitRequest.Service service = request.get().service();
        if (name.get().tier().isPresent()) {
            return tierCommand(commandLine, service, repository.get(), name.get().tier().get(), holder);
        }
        if (service == GitRequest.Service.RECEIVE_PACK) {
            Optional<String> refusal = SshAccessPolicy.mayUpdate(role.get(), repository.get().defaultBranch, false, false,
                    repository.get().defaultBranch).map(Refusal::detail);
            if (refusal.isPresent()) {
                return new MessageCommand("ERROR: " + refusal.get(), 1);
            }
            return new PackCommand(commandLine, (in, out, err, environment) -> {
                try (Repository git = repositories.open(repository.get())) {
                    pushes.intoProject(git, repository.get(), holder, role.get()).receive(in, out, err);
                }
            });
        }
        return new PackCommand(commandLine, (in, out, err, environment) -> {
            try (Repository git = repositories.open(repository.get())) {
                upload(git, in, out, err, environment);
            }
        });
    }

    private Command tierCommand(String commandLine, GitRequest.Service service, GitRepository repository, EnvironmentType tier,
            SshAccess.KeyHolder holder) {
        boolean granted;
        try {
            granted = access.tierGrant(holder, repository.projectId, tier.tierId()).isPresent();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot check the %s grant of %s: %s", tier.label(), holder.fingerprint(), e.toString());
            return new MessageCommand("ERROR: Slipway cannot check your access just now; try again shortly.", 1);
        }
        if (!granted) {
            return new MessageCommand(service == GitRequest.Service.RECEIVE_PACK ? "ERROR: " + TierPushes.grantRequired(repository.projectId, tier)
                    : "ERROR: reading " + repository.projectId + "-" + tier.tierId() + " needs a grant: open an ADD_SSH_KEY ticket (SSH-5)", 1);
        }
        if (service == GitRequest.Service.RECEIVE_PACK) {
            return new PackCommand(commandLine, (in, out, err, environment) -> {
                try (Repository git = tiers.open(repository, tier)) {
                    pushes.intoTier(git, repository, tier, holder).receive(in, out, err);
                }
            });
        }
        return new PackCommand(commandLine, (in, out, err, environment) -> {
            try (Repository git = tiers.open(repository, tier)) {
                upload(git, in, out, err, environment);
            }
        });
    }

    /** Upload-pack, in protocol v2 when the client asks for it through GIT_PROTOCOL. */
    private static void upload(Repository git, InputStream in, OutputStream out, OutputStream err,
            Map<String, String> environment) throws IOException {
        UploadPack upload = new UploadPack(git);
        String protocol = environment.get("GIT_PROTOCOL");
        if (protocol != null && !protocol.isBlank()) {
            List<String> parameters = Arrays.stream(protocol.split(":")).filter(parameter -> !parameter.isBlank()).toList();
            upload.setExtraParameters(parameters);
        }
        upload.upload(in, out, err);
    }
}
