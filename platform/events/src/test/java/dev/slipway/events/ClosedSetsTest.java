package dev.slipway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.events.environment.EnvironmentOperation;
import dev.slipway.events.ticket.TicketApproved;
import dev.slipway.events.ticket.TicketType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The rules the contract's closed sets own. */
class ClosedSetsTest {

    @Test
    void ticketsOtherThanGeneralTargetStagingOrProductionAndGoLiveOnlyProduction() {
        for (TicketType type : EnumSet.of(TicketType.DEPLOY, TicketType.ADD_SSH_KEY, TicketType.DEPLOYMENT_SETTINGS)) {
            assertThat(type.mayTarget(EnvironmentType.INTEGRATION)).as("TKT-2 %s on Integration", type).isFalse();
            assertThat(type.mayTarget(EnvironmentType.STAGING)).as("%s on Staging", type).isTrue();
            assertThat(type.mayTarget(EnvironmentType.PRODUCTION)).as("%s on Production", type).isTrue();
        }
        assertThat(TicketType.GO_LIVE.mayTarget(EnvironmentType.STAGING)).isFalse();
        assertThat(TicketType.GO_LIVE.mayTarget(EnvironmentType.PRODUCTION)).isTrue();
        assertThat(TicketType.GENERAL.mayTarget(EnvironmentType.INTEGRATION)).isTrue();
    }

    @Test
    void eachApprovedTicketTypeIsFulfilledByOneService() {
        assertThat(TicketType.DEPLOYMENT_SETTINGS.isFulfilledBy("environment-service")).isTrue();
        assertThat(TicketType.GO_LIVE.isFulfilledBy("environment-service")).isTrue();
        assertThat(TicketType.DEPLOY.isFulfilledBy("deployment-service")).isTrue();
        assertThat(TicketType.ADD_SSH_KEY.isFulfilledBy("ssh-gateway")).isTrue();
        assertThat(TicketType.DEPLOY.isFulfilledBy("environment-service")).isFalse();
        for (String service : new String[] {"environment-service", "deployment-service", "ticket-service", "ssh-gateway"}) {
            assertThat(TicketType.GENERAL.isFulfilledBy(service)).as("GENERAL is resolved by support, not by %s", service).isFalse();
        }
    }

    @Test
    void onlyTicketsAndTierPushesDeployStagingAndProduction() {
        for (DeploymentTrigger trigger : DeploymentTrigger.values()) {
            boolean assisted = trigger == DeploymentTrigger.TICKET || trigger == DeploymentTrigger.TIER_PUSH;
            assertThat(trigger.mayDeployTo(EnvironmentType.STAGING)).as("DEP-6 %s on Staging", trigger).isEqualTo(assisted);
            assertThat(trigger.mayDeployTo(EnvironmentType.PRODUCTION)).as("DEP-6 %s on Production", trigger).isEqualTo(assisted);
            assertThat(trigger.mayDeployTo(EnvironmentType.INTEGRATION)).as("%s on Integration", trigger).isEqualTo(!assisted);
        }
    }

    @Test
    void queuedAndRunningDeploymentsCanBeCancelledFinishedOnesCannot() {
        assertThat(EnumSet.allOf(DeploymentState.class).stream().filter(DeploymentState::isCancellable))
                .containsExactlyInAnyOrder(DeploymentState.QUEUED, DeploymentState.RUNNING);
    }

    @Test
    void operationsTravelAsActivityTypesWithTheirPastTense() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(EnvironmentOperation.SYNC)).isEqualTo("\"environment.sync\"");
        assertThat(json.readValue("\"environment.branch\"", EnvironmentOperation.class)).isEqualTo(EnvironmentOperation.BRANCH);
        assertThat(EnvironmentOperation.SYNC.pastTense()).isEqualTo("synchronized");
        assertThat(EnvironmentOperation.REDEPLOY.pastTense()).isEqualTo("redeployed");
        assertThatThrownBy(() -> EnvironmentOperation.ofActivityType("environment.explode"))
                .hasMessageContaining("environment.branch");
    }

    @Test
    void variableChangeActionsAreAClosedSet() throws Exception {
        TicketApproved.VariableChange change = new ObjectMapper().readValue("{\"action\":\"DELETE\",\"name\":\"X\"}",
                TicketApproved.VariableChange.class);
        assertThat(change.action()).isEqualTo(TicketApproved.VariableChange.Action.DELETE);
        assertThatThrownBy(() -> new ObjectMapper().readValue("{\"action\":\"DROP\",\"name\":\"X\"}", TicketApproved.VariableChange.class))
                .hasMessageContaining("DROP");
    }
}
