package dev.slipway.deployment;

import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** deployment-service authorizes from its own copy of project access, fed by the real broker (ENV-9, SEC-1). */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class ProjectAccessReadModelTest extends ProjectAccessReadModelContract {
}
