package dev.cftokens.processor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The types an interface names that the compiler cannot resolve yet, such as a class another processor
 * generates in a later round. Such an interface is checked once they exist, not before: judged early,
 * its inputs would look wrong.
 */
final class UnresolvedTypes {
  private UnresolvedTypes() {}

  /** The unresolved types in the interface's supertypes and method signatures, by their written name. */
  static List<String> in(TypeElement type) {
    Set<String> names = new LinkedHashSet<>();
    for (TypeMirror supertype : type.getInterfaces()) {
      collect(supertype, names);
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      collect(method.getReturnType(), names);
      for (VariableElement parameter : method.getParameters()) {
        collect(parameter.asType(), names);
      }
    }
    return List.copyOf(names);
  }

  private static void collect(TypeMirror type, Set<String> names) {
    if (type.getKind() == TypeKind.ERROR) {
      names.add(type.toString());
    } else if (type.getKind() == TypeKind.DECLARED) {
      for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
        collect(argument, names);
      }
    } else if (type.getKind() == TypeKind.ARRAY) {
      collect(((ArrayType) type).getComponentType(), names);
    }
  }
}
