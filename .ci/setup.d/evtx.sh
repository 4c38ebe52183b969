# EVTX: python3-evtx for the documented XML comparison script (tests/Harrier.Evtx.Tests/Scripts/compare_xml_python_evtx.py).
pkgs+=(python3-evtx)
