package dev.cftokens.processor;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The types a generated provisioner names besides the token interface, and whether the interface's
 * module can see them: the writer refers to them, validation refuses a declaration whose provisioner
 * could not compile.
 */
final class ProvisionerDependencies {
    /** The superclass of every generated provisioner, in {@code cftokens-runtime}. */
    static final ClassName ABSTRACT_TOKEN_PROVISIONER =
            ClassName.get("dev.cftokens.runtime", "AbstractTokenProvisioner");

    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private ProvisionerDependencies() {}

    /**
     * Whether the provisioner of {@code type} may carry {@code @javax.annotation.processing.Generated}: that
     * annotation lives in module java.compiler, which a modular project rarely requires, and a reference it
     * cannot read would not compile. As AutoValue and Dagger do, the annotation is added only when the
     * interface's module reads it (the unnamed module of a class-path build reads every module).
     */
    static boolean generatedAnnotationVisible(Elements elements, TypeElement type) {
        return visible(elements, type, GENERATED);
    }

    /**
     * Whether the superclass of generated provisioners is on the class path of {@code type}: without the
     * runtime (or with one older than the processor) the generated file would fail to compile with a
     * "cannot find symbol" in code the user never wrote.
     */
    static boolean runtimeVisible(Elements elements, TypeElement type) {
        return visible(elements, type, ABSTRACT_TOKEN_PROVISIONER);
    }

    private static boolean visible(Elements elements, TypeElement from, ClassName wanted) {
        ModuleElement module = elements.getModuleOf(from);
        TypeElement found = module == null
                ? elements.getTypeElement(wanted.canonicalName())
                : elements.getTypeElement(module, wanted.canonicalName());
        return found != null;
    }
}
