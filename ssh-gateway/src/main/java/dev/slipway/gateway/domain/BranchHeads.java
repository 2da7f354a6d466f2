package dev.slipway.gateway.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * SSH-4's exactly-once announcement as a pure comparison: the branch heads a repository has now
 * against the heads already announced (with {@code ref.updated} or {@code git-operation.completed}).
 * Every difference is one move to announce; none is announced twice because the announced heads
 * are updated in the transaction that publishes the moves.
 */
public final class BranchHeads {

    /** A branch that moved: {@code oldHead} null when created, {@code newHead} null when deleted. */
    public record Move(String branch, String oldHead, String newHead) {
    }

    private BranchHeads() {
    }

    /** The moves from {@code announced} to {@code current} (branch -> head), in branch order. */
    public static List<Move> unannounced(Map<String, String> current, Map<String, String> announced) {
        List<Move> moves = new ArrayList<>();
        TreeSet<String> branches = new TreeSet<>(current.keySet());
        branches.addAll(announced.keySet());
        for (String branch : branches) {
            String now = current.get(branch);
            String before = announced.get(branch);
            if (!Objects.equals(now, before)) {
                moves.add(new Move(branch, before, now));
            }
        }
        return moves;
    }
}
