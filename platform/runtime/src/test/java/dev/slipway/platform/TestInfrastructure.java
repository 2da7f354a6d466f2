package dev.slipway.platform;

import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Real broker (a dedicated one: these tests stop it) and a fresh database for every test class of this module. */
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
