package dev.cftokens.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Where the command line asks the person running it, when a person is there: a destroy of every token asks
 * before it deletes (as Terraform does), and never waits for an answer that cannot come.
 */
interface Terminal {
    /** {@return whether a person can answer: standard input and output are a terminal} */
    boolean interactive();

    /**
     * {@return the line typed after {@code question}; null at the end of input}
     *
     * @param question the question, ending with what to type
     */
    String ask(String question);

    /** {@return the JVM's console, or none when standard input or output is redirected} */
    static Terminal system() {
        Console console = System.console();
        boolean interactive = console != null && isTerminal(console);
        return new Terminal() {
            @Override
            public boolean interactive() {
                return interactive;
            }

            @Override
            public String ask(String question) {
                return console.readLine("%s", question);
            }
        };
    }

    /**
     * JDK 22 and later give a console even when redirected, and say with {@code isTerminal()} (JDK 22)
     * whether it is one; before, a console exists only on a terminal.
     */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
