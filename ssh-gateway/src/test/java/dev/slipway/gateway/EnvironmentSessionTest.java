package dev.slipway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.Topics;
import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.service.SshKeyService;
import dev.slipway.gateway.ssh.SshServerLifecycle;
import dev.slipway.gateway.support.GatewayWorld;
import dev.slipway.gateway.support.SshClient;
import dev.slipway.testing.ExecStandIn;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SSH-2 and SSH-3 with the real OpenSSH client: sessions on environments relayed to the exec
 * interface (played by {@link ExecStandIn} on the real network), their audit trail on
 * {@code slipway.access}, and their end as soon as access ends.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class EnvironmentSessionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    SshServerLifecycle server;

    @Inject
    SshKeyService keys;

    @Test
    void anAdminRunsACommandOnMasterWithItsOutputAndExitCodeAudited() {
        String project = GatewayWorld.projectOwnedBy("ada");
        SshClient.KeyPairFiles key = keyOf("ada");
        try (KafkaProbe access = KafkaProbe.reading(Topics.ACCESS)) {
            SshClient.Result result = SshClient.ssh(key, server.port(), project + "-master", "echo hi; echo oops >&2; exit 3");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stdout()).isEqualTo("hi\n");
            assertThat(result.stderr()).contains("oops");
            ConsumerRecord<String, String> opened = access.await(KafkaProbe.ofType("dev.slipway.ssh-session.opened.v1", project), PATIENCE);
            assertThat(opened.value()).contains("\"userId\":\"ada\"", "\"node\":1", "\"clientAddress\":\"127.0.0.1\"", "\"environmentId\":\"master\"");
            String sessionId = opened.value().replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1");
            ConsumerRecord<String, String> finished = access.await(KafkaProbe.ofType("dev.slipway.ssh-session.command-finished.v1", project),
                    PATIENCE);
            assertThat(finished.value()).contains(sessionId, "\"exitCode\":3", "\"command\":\"echo hi; echo oops >&2; exit 3\"");
            ConsumerRecord<String, String> closed = access.await(KafkaProbe.ofType("dev.slipway.ssh-session.closed.v1", project), PATIENCE);
            assertThat(closed.value()).contains(sessionId, "\"reason\":\"exited\"", "durationMillis");
        }
    }

    @Test
    void slipwayNodeSelectsTheNodeAndClientVariablesReachTheRuntimeButNeverTheAudit() {
        String project = GatewayWorld.projectOwnedBy("ada");
        SshClient.KeyPairFiles key = keyOf("ada");
        try (KafkaProbe access = KafkaProbe.reading(Topics.ACCESS)) {
            SshClient.Result result = SshClient.sshWith(key, server.port(), List.of("-o", "SetEnv=SLIPWAY_NODE=2 SECRET_TOKEN=s3cr3t-value"),
                    project + "-master", "echo $SLIPWAY_NODE $SLIPWAY_PROJECT $SLIPWAY_ENVIRONMENT $SECRET_TOKEN");

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).isEqualTo("2 " + project + " master s3cr3t-value\n");
            assertThat(access.await(KafkaProbe.ofType("dev.slipway.ssh-session.opened.v1", project), PATIENCE).value()).contains("\"node\":2");
            access.await(KafkaProbe.ofType("dev.slipway.ssh-session.closed.v1", project), PATIENCE);
            assertThat(access.seen()).noneMatch(record -> record.value().contains("s3cr3t-value"));
        }
        SshClient.Result noSuchNode = SshClient.sshWith(key, server.port(), List.of("-o", "SetEnv=SLIPWAY_NODE=9"), project + "-master", "true");
        assertThat(noSuchNode.exitCode()).isEqualTo(255);
        assertThat(noSuchNode.stderr()).contains("Slipway: the runtime of " + project + "-master could not run this: ", "has no node 9");
        SshClient.Result notANumber = SshClient.sshWith(key, server.port(), List.of("-o", "SetEnv=SLIPWAY_NODE=two"), project + "-master", "true");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.stderr()).contains("SLIPWAY_NODE must be a node number");
    }

    @Test
    void aShellReadsItsInputAndSignalsEndTheProcessWithTheirStatus() {
        String project = GatewayWorld.projectOwnedBy("ada");
        SshClient.KeyPairFiles key = keyOf("ada");
        SshClient.Result shell = SshClient.run(List.of("bash", "-c", "printf 'echo from-shell\\nexit 4\\n' | ssh "
                + String.join(" ", SshClient.options(key, server.port())) + " -T " + project + "-master@127.0.0.1"), Map.of(), 60);
        assertThat(shell.exitCode()).as(shell.stderr()).isEqualTo(4);
        assertThat(shell.stdout()).isEqualTo("from-shell\n");

        SshClient.Result killed = SshClient.ssh(key, server.port(), project + "-master", "kill -TERM $$");
        assertThat(killed.exitCode()).isEqualTo(128 + 15);
    }

    @Test
    void aContributorEntersMasterOnlyOnceTheAppLowersAccessSsh() {
        String project = GatewayWorld.projectOwnedBy("ada");
        GatewayWorld.addMember(project, "cody", "contributor");
        SshClient.KeyPairFiles key = keyOf("cody");

        SshClient.Result refused = SshClient.ssh(key, server.port(), project + "-master", "echo in");
        assertThat(refused.exitCode()).isEqualTo(255);
        assertThat(refused.stderr()).contains("Permission denied (publickey)");

        GatewayWorld.deploymentSucceeded(project, "master", "a".repeat(40), "contributor");
        Awaitility.await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(SshClient.ssh(key, server.port(), project + "-master", "echo in").stdout()).isEqualTo("in\n"));
    }

    @Test
    void productionIsReachedOnlyWithAGrantOfAMember() {
        String project = GatewayWorld.projectOwnedBy("ada");
        GatewayWorld.addMember(project, "cody", "contributor");
        SshClient.KeyPairFiles ungranted = keyOf("ada");
        SshClient.KeyPairFiles granted = SshClient.generate("ed25519", null);
        SshClient.KeyPairFiles unknown = SshClient.generate("ed25519", null);

        assertThat(SshClient.ssh(ungranted, server.port(), project + "-production", "true").stderr()).contains("Permission denied (publickey)");
        grant(project, "production", "cody", granted, null);
        SshClient.Result in = SshClient.ssh(granted, server.port(), project + "-production", "echo $SLIPWAY_ENVIRONMENT");
        assertThat(in.exitCode()).as(in.stderr()).isZero();
        assertThat(in.stdout()).isEqualTo("production\n");
        assertThat(SshClient.ssh(unknown, server.port(), project + "-production", "true").stderr()).contains("Permission denied (publickey)");

        GatewayWorld.removeMember(project, "cody");
        SshClient.Result removed = SshClient.ssh(granted, server.port(), project + "-production", "true");
        assertThat(removed.exitCode()).isEqualTo(255);
        assertThat(removed.stderr()).contains("Permission denied (publickey)");
    }

    @Test
    void anOpenSessionEndsWhenItsGrantExpiresAndTheKeyIsRefusedAfterwards() {
        String project = GatewayWorld.projectOwnedBy("ada");
        GatewayWorld.addMember(project, "cody", "contributor");
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        Instant expiry = Instant.now().plusSeconds(15);
        grant(project, "staging", "cody", key, expiry.toString());

        try (KafkaProbe access = KafkaProbe.reading(Topics.ACCESS);
                SshClient.Background session = SshClient.sshInBackground(key, server.port(), project + "-staging", "sleep 60")) {
            access.await(KafkaProbe.ofType("dev.slipway.ssh-session.opened.v1", project), PATIENCE);
            SshClient.Result ended = session.await(45);
            assertThat(Instant.now()).isAfterOrEqualTo(expiry);
            assertThat(ended.exitCode()).isEqualTo(128 + 9);
            assertThat(ended.stderr()).contains("Slipway: your access to " + project + "-staging ended (the grant expired at");
            assertThat(access.await(KafkaProbe.ofType("dev.slipway.ssh-session.closed.v1", project), PATIENCE).value())
                    .contains("\"reason\":\"access-expired\"");
            assertThat(access.await(KafkaProbe.ofType("dev.slipway.ssh-session.command-finished.v1", project), PATIENCE).value())
                    .contains("\"signal\":\"KILL\"", "\"exitCode\":null");
        }
        SshClient.Result later = SshClient.ssh(key, server.port(), project + "-staging", "true");
        assertThat(later.exitCode()).isEqualTo(255);
        assertThat(later.stderr()).contains("Permission denied (publickey)");
    }

    @Test
    void anOpenSessionEndsAtOnceWhenItsKeyIsRemoved() {
        String project = GatewayWorld.projectOwnedBy("ada");
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        UUID keyId = keys.add("ada", null, PublicKeyLine.parse(key.publicLine())).key().id();

        try (KafkaProbe access = KafkaProbe.reading(Topics.ACCESS);
                SshClient.Background session = SshClient.sshInBackground(key, server.port(), project + "-master", "sleep 60")) {
            access.await(KafkaProbe.ofType("dev.slipway.ssh-session.opened.v1", project), PATIENCE);
            keys.remove("ada", keyId);
            SshClient.Result ended = session.await(15);
            assertThat(ended.stderr()).contains("Slipway: your access to " + project + "-master ended (This key has been removed.)");
            assertThat(access.await(KafkaProbe.ofType("dev.slipway.ssh-session.closed.v1", project), PATIENCE).value())
                    .contains("\"reason\":\"access-revoked\"");
        }
    }

    @Test
    void anOpenSessionEndsAtOnceWhenItsHolderLeavesTheProject() {
        String project = GatewayWorld.projectOwnedBy("ada");
        GatewayWorld.addMember(project, "max", "admin");
        SshClient.KeyPairFiles key = keyOf("max");

        try (KafkaProbe access = KafkaProbe.reading(Topics.ACCESS);
                SshClient.Background session = SshClient.sshInBackground(key, server.port(), project + "-master", "sleep 60")) {
            access.await(KafkaProbe.ofType("dev.slipway.ssh-session.opened.v1", project), PATIENCE);
            GatewayWorld.removeMember(project, "max");
            SshClient.Result ended = session.await(15);
            assertThat(ended.stderr()).contains("Slipway: your access to " + project + "-master ended (");
        }
    }

    @Test
    void nothingIsForwarded() {
        String project = GatewayWorld.projectOwnedBy("ada");
        SshClient.KeyPairFiles key = keyOf("ada");

        SshClient.Result stdio = SshClient.sshWith(key, server.port(), List.of("-W", "127.0.0.1:9"), project + "-master");
        assertThat(stdio.exitCode()).isNotZero();
        assertThat(stdio.stderr()).contains("stdio forwarding failed");
        SshClient.Result remote = SshClient.sshWith(key, server.port(), List.of("-N", "-R", "0:127.0.0.1:9", "-o", "ExitOnForwardFailure=yes"),
                project + "-master");
        assertThat(remote.exitCode()).isNotZero();
        SshClient.Result agent = SshClient.sshWith(key, server.port(), List.of("-A"), project + "-master", "echo ${SSH_AUTH_SOCK:-no-agent}");
        assertThat(agent.stdout()).isEqualTo("no-agent\n");
    }

    @Test
    void aRuntimeThatIsDownGivesAClearMessage() {
        String project = GatewayWorld.projectOwnedBy("ada");
        SshClient.KeyPairFiles key = keyOf("ada");
        ExecStandIn runtime = SlipwayTestResource.execStandIn();
        int port = runtime.port();
        runtime.close();
        try {
            SshClient.Result result = SshClient.ssh(key, server.port(), project + "-master", "echo hi");
            assertThat(result.exitCode()).isEqualTo(255);
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).contains("Slipway: the runtime of " + project + "-master is not reachable: connection refused");
        } finally {
            runtime.start(port);
        }
    }

    private SshClient.KeyPairFiles keyOf(String user) {
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        keys.add(user, null, PublicKeyLine.parse(key.publicLine()));
        return key;
    }

    /** ticket-service approves ADD_SSH_KEY; waits for the gateway's successful answer. */
    private static void grant(String project, String environment, String user, SshClient.KeyPairFiles key, String expiresAt) {
        try (KafkaProbe access = KafkaProbe.reading(Topics.ACCESS)) {
            String ticket = GatewayWorld.addSshKeyTicketApproved(project, environment, user, key.publicLine(), expiresAt);
            String answer = access.await(record -> "dev.slipway.access.ticket-fulfilled.v1".equals(KafkaProbe.header(record, "ce_type"))
                    && record.value().contains(ticket), PATIENCE).value();
            assertThat(answer).contains("\"success\":true");
        }
    }
}
