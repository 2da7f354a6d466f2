package dev.slipway.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The root help's list of commands, one line each: names and aliases, then the first sentence of the description
 * (the rest is in the command's own {@code --help}).
 */
final class CommandList {

    private static final int NAMES_WIDTH = 34;

    private CommandList() {
    }

    /** Read from the commands' annotations, not from picocli's model of them: the root help builds no command's model. */
    static String render(CommandLine.Help help) {
        StringBuilder list = new StringBuilder("Commands:\n");
        for (Class<?> command : SlipwayCli.COMMANDS) {
            CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
            List<String> all = new ArrayList<>(List.of(annotation.name()));
            all.addAll(List.of(annotation.aliases()));
            String names = String.join(", ", all);
            String[] description = annotation.description();
            String summary = description.length == 0 ? "" : firstSentence(description[0]);
            list.append("  ").append(names);
            if (names.length() >= NAMES_WIDTH) {
                list.append("\n  ").append(" ".repeat(NAMES_WIDTH));
            } else {
                list.append(" ".repeat(NAMES_WIDTH - names.length()));
            }
            list.append(summary).append('\n');
        }
        return list.toString();
    }

    /** Up to the first ". ": each command's description opens with a short sentence for this list. */
    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        String sentence = end < 0 ? text : text.substring(0, end);
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
