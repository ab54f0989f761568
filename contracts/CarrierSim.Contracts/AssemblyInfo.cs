namespace CarrierSim.Contracts;
