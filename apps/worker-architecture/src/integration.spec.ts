import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-architecture/bench';

describeCategoryThroughGateway('architecture', cases);
