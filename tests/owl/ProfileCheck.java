// Loads RDF documents (Turtle, N-Triples, RDF/XML) into one ontology with the OWL API and prints
// its OWL 2 DL profile violations, then what the OWL API kept: a line per kind of axiom.
// Run as: java -cp "/usr/share/java/owlapi-distribution.jar" ProfileCheck.java FILE...
import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class ProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology merged = manager.createOntology(IRI.create("urn:newsgraph:check"));
        for (String path : args) {
            OWLOntology part = manager.loadOntologyFromOntologyDocument(new File(path));
            manager.addAxioms(merged, part.axioms());
        }
        var violations = new OWL2DLProfile().checkOntology(merged).getViolations();
        System.out.println("violations " + violations.size());
        for (OWLProfileViolation v : violations) {
            System.out.println("violation " + v.toString().replace('\n', ' '));
        }
        Map<String, Integer> kinds = new TreeMap<>();
        merged.axioms().forEach(a -> kinds.merge(a.getAxiomType().getName(), 1, Integer::sum));
        kinds.forEach((k, n) -> System.out.println("axioms " + k + " " + n));
        merged.axioms(AxiomType.OBJECT_PROPERTY_ASSERTION).map(a -> a.getProperty().asOWLObjectProperty().getIRI().toString())
            .collect(java.util.stream.Collectors.groupingBy(s -> s, TreeMap::new, java.util.stream.Collectors.counting()))
            .forEach((p, n) -> System.out.println("assertions " + p + " " + n));
    }
}
