package dev.slipway.environment.domain;

/** Integration environments are git branches on shared hardware; Staging and Production are dedicated (ENV-5, ENV-6). */
public enum EnvironmentType {
    INTEGRATION, STAGING, PRODUCTION
}
