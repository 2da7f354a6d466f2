package dev.slipway.gateway.ssh;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.server.ServerBuilder;

/** The key exchanges the gateway offers ({@code slipway.ssh.key-exchanges}), resolved to MINA SSHD's factories. */
public final class KeyExchanges {

    private KeyExchanges() {
    }

    /**
     * The factories for {@code names}, in their order.
     *
     * @throws IllegalArgumentException naming every name MINA SSHD does not know or cannot run on this JVM
     */
    public static List<KeyExchangeFactory> resolve(List<String> names) {
        List<String> refused = new ArrayList<>();
        List<DHFactory> factories = new ArrayList<>();
        for (String name : names) {
            DHFactory factory = BuiltinDHFactories.resolveFactory(name.strip());
            if (factory == null || !factory.isSupported()) {
                refused.add(name.strip());
            } else {
                factories.add(factory);
            }
        }
        if (!refused.isEmpty() || factories.isEmpty()) {
            throw new IllegalArgumentException("slipway.ssh.key-exchanges: " + (refused.isEmpty() ? "no key exchange is named"
                    : "unknown or unsupported " + String.join(", ", refused)) + "; supported: " + supported());
        }
        return NamedFactory.setUpTransformedFactories(false, factories, ServerBuilder.DH2KEX);
    }

    private static String supported() {
        return String.join(", ", BuiltinDHFactories.VALUES.stream().filter(DHFactory::isSupported).map(DHFactory::getName).toList());
    }
}
