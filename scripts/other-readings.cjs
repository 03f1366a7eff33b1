// Jest setup file of the "e2e (other readings)" project (jest.config.js): every emulator started in
// these tests plays the alternative reading of each point no primary source settles (emulator/readings.ts).
process.env.EMULATOR_READINGS = 'alternatives';
