package dev.slipway.deployment.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.platform.client.DevKeyTokenSource;
import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.ServicesConfig;
import dev.slipway.platform.security.ServiceTokenConfig;
import dev.slipway.platform.security.ServiceTokens;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A ServiceClient as CDI builds it (dev-key tokens from the test key), every service at {@code url}, without starting Quarkus. */
final class TestServiceClients {

    static final DevKeys KEYS = DevKeys.forTests(SlipwayHome.locate()).ensure();

    private TestServiceClients() {
    }

    static ServiceClient at(String url) {
        Map<String, String> properties = new HashMap<>(Map.of("slipway.service-token.private-key-location", KEYS.privateKey().toString(),
                "slipway.services.retry.max-attempts", "2", "slipway.services.retry.initial-backoff", "20ms"));
        for (String service : new String[] {"environment-service", "deployment-service", "ticket-service", "ssh-gateway"}) {
            properties.put("slipway.services." + service + ".url", url);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(ServicesConfig.class).withMapping(ServiceTokenConfig.class).withSources(new PropertiesConfigSource(properties, "test", 250))
                .build();
        return new ServiceClient(config.getConfigMapping(ServicesConfig.class),
                new DevKeyTokenSource(new ServiceTokens(config.getConfigMapping(ServiceTokenConfig.class))), new ObjectMapper().findAndRegisterModules());
    }
}
