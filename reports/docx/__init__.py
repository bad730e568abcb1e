"""The editable twin of every report: a DOCX (python-docx) with the PDF's header, sections,
signature block and appendix, in Times New Roman 14 as Hướng dẫn 36-HD/VPTW asks, for clerks
who finish documents in Word. Built by the same job from the same context (build.py)."""
