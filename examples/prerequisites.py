"""Load a catalogue and print what a service might need, as a list and as a graph.

Run: python examples/prerequisites.py [CATALOGUE] [SERVICE]
(defaults: the built-in probolinggo catalogue and its SPP-IRT service)
"""

import sys

import onestop
from onestop.graph import prerequisites, to_mermaid

source = sys.argv[1] if len(sys.argv) > 1 else "probolinggo"
service_id = sys.argv[2] if len(sys.argv) > 2 else "spp-irt"

catalogue = onestop.load(source) if "." in source else onestop.builtin(source)
service = catalogue.service(service_id)
pre = prerequisites(catalogue, service_id)

print(f"{service.name} ({service.id}) requires: {service.requires}")
print("\nDocuments that may be needed along the way:")
for doc_id in pre.documents:
    makers = [s.id for s in catalogue.producers(doc_id)]
    origin = f"issued by {', '.join(makers)}" if makers else "brought by the citizen"
    print(f"  {doc_id}: {catalogue.document(doc_id).name} ({origin})")
print("\nServices that may be needed first:", ", ".join(pre.services) or "none")
print("\nAs a Mermaid flowchart:\n")
print(to_mermaid(catalogue, service=service_id))
