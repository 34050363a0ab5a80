"""Reading HR exports and chart data into a chart.

Each container (CSV text, a spreadsheet, JSON chart data) is read into a
:class:`~orgmodel.importing.table.Table` of cells; one row pipeline turns any
table into roles, so every container gets the same column recognition,
manager resolution and report.
"""
