package dev.slipway.deployment.appconfig;

import java.util.List;

/**
 * The three configuration files of a commit and where each may live (CFG-1): Slipway's name first,
 * then Magento Cloud's, so a Magento repository moves over unchanged.
 */
public enum ConfigFileKind {
    APP("app", ".slipway/app.yaml", ".magento.app.yaml"),
    ROUTES("routes", ".slipway/routes.yaml", ".magento/routes.yaml"),
    SERVICES("services", ".slipway/services.yaml", ".magento/services.yaml");

    private final String digestKey;
    private final String slipwayPath;
    private final String magentoPath;

    ConfigFileKind(String digestKey, String slipwayPath, String magentoPath) {
        this.digestKey = digestKey;
        this.slipwayPath = slipwayPath;
        this.magentoPath = magentoPath;
    }

    /** The member of the canonical form that holds this file (CFG-3). */
    public String digestKey() {
        return digestKey;
    }

    public String slipwayPath() {
        return slipwayPath;
    }

    public String magentoPath() {
        return magentoPath;
    }

    /** The paths to look at, in order: the first that exists is used (Slipway's name wins, CFG-1). */
    public List<String> candidatePaths() {
        return List.of(slipwayPath, magentoPath);
    }
}
