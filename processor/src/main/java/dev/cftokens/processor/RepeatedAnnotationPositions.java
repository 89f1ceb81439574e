package dev.cftokens.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Prints a diagnostic on a value of a repeated annotation under javac.
 *
 * <p>When {@code @Policy} is written twice, javac hands processors a container {@code @Policies} it made
 * up, with no source position; {@code Messager} then falls back to the whole interface. This finds the
 * written {@code @Policy} (the n-th one for the n-th mirror in the container) and the exact value in it
 * through the public Compiler Tree API ({@code com.sun.source}), not javac internals. Any other compiler,
 * or a javac whose environment is wrapped (as Gradle does), falls back to {@code Messager}.
 */
final class RepeatedAnnotationPositions {
    private final Trees trees;

    private RepeatedAnnotationPositions(Trees trees) {
        this.trees = trees;
    }

    /** The locator for this compiler, or null when it does not offer the Compiler Tree API. */
    static RepeatedAnnotationPositions create(ProcessingEnvironment env) {
        try {
            return new RepeatedAnnotationPositions(Trees.instance(env));
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return null;
        }
    }

    /** Whether {@code element} was declared in a source file of this compilation, not read from a class file. */
    boolean hasSource(Element element) {
        return trees.getPath(element) != null;
    }

    /**
     * Prints at the written position of {@code location}'s annotation value when its annotation sits in a
     * compiler-made container; returns false, printing nothing, when the caller should use Messager.
     */
    boolean print(Diagnostic.Kind kind, String message, Location location) {
        if (location.annotation() == null || isDirectlyPresent(location)) {
            return false;
        }
        TreePath path = trees.getPath(location.element());
        if (path == null) {
            return false;
        }
        Tree target = annotationTree(path, location.annotation());
        if (target == null) {
            return false;
        }
        if (location.value() != null) {
            Tree valueTree = valueTree((AnnotationTree) target, location.annotation(), location.value());
            if (valueTree != null) {
                target = valueTree;
            }
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        trees.printMessage(kind, message, target, unit);
        return true;
    }

    private static boolean isDirectlyPresent(Location location) {
        for (AnnotationMirror mirror : location.element().getAnnotationMirrors()) {
            if (mirror == location.annotation()) {
                return true;
            }
        }
        return false;
    }

    /** The written annotation the nested mirror stands for: the n-th of its type on the element. */
    private AnnotationTree annotationTree(TreePath elementPath, AnnotationMirror nested) {
        Element element = trees.getElement(elementPath);
        int index = indexInContainer(element, nested);
        if (index < 0) {
            return null;
        }
        List<AnnotationTree> sameType = new ArrayList<>();
        for (AnnotationTree annotation : annotations(elementPath.getLeaf())) {
            Element type = trees.getElement(new TreePath(elementPath, annotation.getAnnotationType()));
            if (type != null && type.equals(nested.getAnnotationType().asElement())) {
                sameType.add(annotation);
            }
        }
        return index < sameType.size() ? sameType.get(index) : null;
    }

    private static List<? extends AnnotationTree> annotations(Tree tree) {
        if (tree instanceof com.sun.source.tree.ClassTree) {
            return ((com.sun.source.tree.ClassTree) tree).getModifiers().getAnnotations();
        }
        return List.of();
    }

    /** Where {@code nested} sits among the annotations of a container on {@code element}, or -1. */
    private static int indexInContainer(Element element, AnnotationMirror nested) {
        for (AnnotationMirror container : element.getAnnotationMirrors()) {
            for (AnnotationValue value : container.getElementValues().values()) {
                if (value.getValue() instanceof List) {
                    List<?> items = (List<?>) value.getValue();
                    for (int i = 0; i < items.size(); i++) {
                        if (((AnnotationValue) items.get(i)).getValue() == nested) {
                            return i;
                        }
                    }
                }
            }
        }
        return -1;
    }

    /** The expression written for {@code value}: an attribute's expression, or one element of its array. */
    private static Tree valueTree(AnnotationTree annotation, AnnotationMirror mirror, AnnotationValue value) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            int index = -1;
            if (entry.getValue() != value) {
                if (!(entry.getValue().getValue() instanceof List)) {
                    continue;
                }
                index = indexOf((List<?>) entry.getValue().getValue(), value);
                if (index < 0) {
                    continue;
                }
            }
            ExpressionTree expression =
                    argument(annotation, entry.getKey().getSimpleName().toString());
            if (expression == null) {
                return null;
            }
            if (index >= 0 && expression instanceof NewArrayTree) {
                List<? extends ExpressionTree> elements = ((NewArrayTree) expression).getInitializers();
                return index < elements.size() ? elements.get(index) : expression;
            }
            return expression;
        }
        return null;
    }

    private static int indexOf(List<?> items, AnnotationValue value) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == value) {
                return i;
            }
        }
        return -1;
    }

    private static ExpressionTree argument(AnnotationTree annotation, String attribute) {
        for (ExpressionTree argument : annotation.getArguments()) {
            if (argument instanceof AssignmentTree) {
                AssignmentTree assignment = (AssignmentTree) argument;
                if (assignment.getVariable() instanceof IdentifierTree
                        && ((IdentifierTree) assignment.getVariable()).getName().contentEquals(attribute)) {
                    return assignment.getExpression();
                }
            } else if (attribute.equals("value")) {
                return argument;
            }
        }
        return null;
    }
}
