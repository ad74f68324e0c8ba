package org.zoo4j.core;

/**
 * A setting a user chose that cannot be used, with the setting's name kept apart from the words, so that a program
 * (the command line) can report it against its own name for it (a flag) without reading the message.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String setting;
    private final String problem;

    /**
     * @param setting the setting's name in the library's words ({@code epochs}, {@code learning rate})
     * @param problem what is wrong and what would do, worded to follow the name ({@code "must be >= 1, got 0"})
     */
    public InvalidSettingException(String setting, String problem) {
        this(setting, problem, null);
    }

    /** @param cause what found the setting unusable (kept for stack traces) */
    public InvalidSettingException(String setting, String problem, Throwable cause) {
        super(setting + " " + problem, cause);
        this.setting = setting;
        this.problem = problem;
    }

    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }
}
