"""Reading HR exports and chart data into a chart.

Each container (CSV text, a spreadsheet, JSON chart data) is read into a
:class:`~orgmodel.importing.table.Table` of cells; one row pipeline,
:func:`~orgmodel.importing.pipeline.import_table`, turns any table into roles,
so every container gets the same column recognition, manager resolution and
report.

The stages, in order: ``shape`` (header row, column roles), ``screening``
(template and misshapen rows), ``history`` (each person's current row),
``managers`` (row keys, manager column, resolution), ``roles`` (rows into
roles), ``report`` (what the user is told).
"""
