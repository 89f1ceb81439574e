package dev.cftokens.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Prints the diagnostics of one {@code @ApiToken} type and counts its errors: nothing is generated for
 * a type whose reporter is not clean, while the other types of the compilation still are.
 */
final class Reporter {
  private final Messager messager;
  private final TypeElement type;
  private int errors;

  Reporter(Messager messager, TypeElement type) {
    this.messager = messager;
    this.type = type;
  }

  TypeElement type() {
    return type;
  }

  void report(Message message, Location location, Object... args) {
    if (message.kind() == Diagnostic.Kind.ERROR) {
      errors++;
    }
    print(messager, message, location, args);
  }

  /** True when no error was reported for this type; warnings do not count. */
  boolean isClean() {
    return errors == 0;
  }

  int errorCount() {
    return errors;
  }

  static void print(Messager messager, Message message, Location location, Object... args) {
    String text = message.format(args);
    if (location.value() != null) {
      messager.printMessage(message.kind(), text, location.element(), location.annotation(), location.value());
    } else if (location.annotation() != null) {
      messager.printMessage(message.kind(), text, location.element(), location.annotation());
    } else {
      messager.printMessage(message.kind(), text, location.element());
    }
  }
}
