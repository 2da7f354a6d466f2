package dev.slipway.deployment.runner;

/**
 * Where the lines of hooks and of the runner go, one at a time and in order for one hook. It should
 * be quick: a slow output slows the hook down once its pipe is full.
 */
@FunctionalInterface
public interface HookOutput {

    void line(LogLine line);

    static HookOutput discard() {
        return line -> {
        };
    }
}
