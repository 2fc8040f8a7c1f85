"""orgraph's own organisation-chart layout: measured boxes (:mod:`~orgraph.layout.boxes`), the
tree of boxes (:mod:`~orgraph.layout.chart`), placement (:mod:`~orgraph.layout.tree`,
:mod:`~orgraph.layout.fit`) and the routes drawn after it (:mod:`~orgraph.layout.overlay`).
"""
