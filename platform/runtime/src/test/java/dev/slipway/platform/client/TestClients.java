package dev.slipway.platform.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.platform.security.ServiceTokenConfig;
import dev.slipway.platform.security.ServiceTokens;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Clients built as CDI would build them, from configuration as the services read it, without starting Quarkus. */
final class TestClients {

    static final DevKeys KEYS = DevKeys.forTests(SlipwayHome.locate()).ensure();

    private TestClients() {
    }

    /** Configuration from {@code properties} (as in application.properties) over the mappings' defaults, plus {@code env} as environment variables. */
    static SmallRyeConfig config(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("slipway.service-token.private-key-location", KEYS.privateKey().toString());
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(ServicesConfig.class).withMapping(ServiceTokenConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(all, "test", 250), new EnvConfigSource(env, 300)).build();
    }

    static ServiceClient client(SmallRyeConfig config, ServiceTokenSource tokens) {
        return new ServiceClient(config.getConfigMapping(ServicesConfig.class), tokens, new ObjectMapper().findAndRegisterModules());
    }

    static CountingTokens devKeyTokens(SmallRyeConfig config) {
        return new CountingTokens(new DevKeyTokenSource(new ServiceTokens(config.getConfigMapping(ServiceTokenConfig.class))));
    }

    /** Counts tokens handed out (one per attempt) and renewals. */
    static final class CountingTokens implements ServiceTokenSource {

        final AtomicInteger issued = new AtomicInteger();
        final AtomicInteger renewed = new AtomicInteger();
        private final ServiceTokenSource delegate;

        CountingTokens(ServiceTokenSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public String token() {
            issued.incrementAndGet();
            return delegate.token();
        }

        @Override
        public void renew() {
            renewed.incrementAndGet();
            delegate.renew();
        }
    }
}
