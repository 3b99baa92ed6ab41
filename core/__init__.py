"""The leaf package: concepts every app may use (the content version and its cache, number
formatting, language addresses, role names, permission helpers, the task queue's state).

core imports Django, Wagtail and third-party libraries only – never an app of the project – so
themes, cases, search and cms may all import it (tests/test_dependencies.py keeps it so).
"""
